/** placeholder until rooms are merged */
import type { Types } from 'mongoose';
export async function createBenchRoom(): Promise<{
  roomId: string;
  cityId: Types.ObjectId | null;
  admit(ids: Types.ObjectId[]): Promise<void>;
}> {
  return { roomId: 'bench-room', cityId: null, admit: async () => undefined };
}
