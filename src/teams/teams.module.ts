import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { TeamMembersService } from './team-members.service';
import { TeamsController } from './teams.controller';
import { TeamsService } from './teams.service';

@Module({ imports: [UsersModule], controllers: [TeamsController], providers: [TeamsService, TeamMembersService] })
export class TeamsModule {}
