/**
 * A room as a well-behaved client keeps it: live `message:created` events merged by id, and on
 * `room:resync { since }` (debounced: several nodes may ask at once) a re-join with the last message
 * seen before `since`, merging the missed pages. Tests use it to check that nothing acknowledged is
 * lost across nodes and Redis outages.
 */
import type { Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  MessageDelivery,
  ServerToClientEvents,
} from '../../shared/events.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Joined = { missed: MessageDelivery[]; more: boolean };

/** One client's view of one room. */
export class RoomView {
  /** Every message the client holds, by id. */
  readonly messages = new Map<string, MessageDelivery>();
  /** Ids in the order live events brought them (repeats would show here). */
  readonly live: string[] = [];
  /** How many resynchronisations ran, and how many messages they brought that live events had not. */
  resyncs = 0;
  recovered = 0;
  private pendingSince: number | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: ClientSocket,
    private readonly roomId: string,
  ) {
    socket.on('message:created', (message) => {
      if (message.roomId !== roomId) return;
      this.live.push(message.id);
      this.messages.set(message.id, message);
    });
    socket.on('room:resync', ({ since }) => {
      const at = Date.parse(since);
      this.pendingSince = this.pendingSince === null ? at : Math.min(this.pendingSince, at);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.resync(), 200);
    });
  }

  /** Joins the room (first time, or again after `lastSeenId`). */
  async join(lastSeenId?: string): Promise<void> {
    let after = lastSeenId;
    for (;;) {
      const answer = (await this.socket.emitWithAck('room:join', {
        roomId: this.roomId,
        ...(after ? { lastSeenId: after } : {}),
      })) as Ack<Joined>;
      if (!answer.ok) throw new Error(`room:join refused: ${JSON.stringify(answer.error)}`);
      for (const message of answer.data.missed) {
        if (!this.messages.has(message.id)) this.recovered++;
        this.messages.set(message.id, message);
      }
      const last = answer.data.missed.at(-1);
      if (!answer.data.more || !last) return;
      after = last.id;
    }
  }

  /** The newest message created before `at` (ms), by creation time then id. */
  lastSeenBefore(at: number): MessageDelivery | undefined {
    return [...this.messages.values()]
      .filter((m) => Date.parse(m.createdAt) < at)
      .sort((x, y) => Date.parse(x.createdAt) - Date.parse(y.createdAt) || x.id.localeCompare(y.id))
      .at(-1);
  }

  private async resync(): Promise<void> {
    const since = this.pendingSince;
    this.pendingSince = null;
    if (since === null) return;
    this.resyncs++;
    await this.join(this.lastSeenBefore(since)?.id);
  }

  /** Stops following resyncs. */
  close(): void {
    clearTimeout(this.timer);
  }
}
