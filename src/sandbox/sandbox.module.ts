// Placeholder until the simulator server lands (branch sandbox-meta).
import { Module } from '@nestjs/common';
import { SandboxSimulator } from './sandbox-simulator.service';

@Module({ providers: [SandboxSimulator], exports: [SandboxSimulator] })
export class SandboxModule {}
