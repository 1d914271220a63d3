import type { SimMetaFailure } from './meta-sim-errors';

interface Hold {
  atCall: number;
  reached: () => void;
  reachedPromise: Promise<void>;
  released: Promise<void>;
  release: () => void;
}

/** The tests' controls over Graph calls (login dialog excluded): injected failures and a call held mid-flight. */
export class SimMetaCallControls {
  private readonly queued: SimMetaFailure[] = [];
  private readonly scheduled = new Map<number, SimMetaFailure>();
  private hold: Hold | undefined;
  private graphCalls = 0;

  failNext(kind: SimMetaFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.queued.push(kind);
  }

  failAtCall(n: number, kind: SimMetaFailure): void {
    this.scheduled.set(this.graphCalls + n, kind);
  }

  /** The `n`th Graph call from now does not answer until `releaseHold()` (a worker stuck mid-import). */
  holdAtCall(n: number): void {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.hold = { atCall: this.graphCalls + n, reached, reachedPromise, released, release };
  }

  /** Resolves once the held call has arrived. */
  async heldCallReached(): Promise<void> {
    await this.hold?.reachedPromise;
  }

  releaseHold(): void {
    this.hold?.release();
    this.hold = undefined;
  }

  /** Counts one Graph call, waits while it is held, and gives the failure injected for it, if any. */
  async nextCall(): Promise<SimMetaFailure | undefined> {
    this.graphCalls++;
    const hold = this.hold;
    if (hold && this.graphCalls === hold.atCall) {
      hold.reached();
      await hold.released;
    }
    const failure = this.scheduled.get(this.graphCalls) ?? this.queued.shift();
    this.scheduled.delete(this.graphCalls);
    return failure;
  }
}
