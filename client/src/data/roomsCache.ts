/**
 * Socket updates of the rooms in the shared cache: one room's live state (messages, threads, presence...)
 * changes through its reducer, and what the rooms list shows follows (a room taken away leaves it, a
 * room read to its end shows no unread messages).
 */
import type { QueryClient } from '@tanstack/react-query';
import { initialRoomState, roomReducer, type RoomAction, type RoomState } from '../pages/rooms/roomState.js';
import type { RoomListItem } from '../pages/rooms/roomList.js';
import { queryKeys } from './keys.js';

/** The cached state of room `roomId` (the state before joining when there is none). */
export function cachedRoom(queryClient: QueryClient, roomId: string): RoomState {
  return queryClient.getQueryData<RoomState>(queryKeys.room(roomId)) ?? initialRoomState;
}

/** Applies `action` to the cached state of room `roomId`, and keeps the rooms list in step. */
export function applyRoomAction(queryClient: QueryClient, roomId: string, action: RoomAction): void {
  queryClient.setQueryData<RoomState>(queryKeys.room(roomId), (state) =>
    roomReducer(state ?? initialRoomState, action),
  );
  if (action.type === 'removed' || action.type === 'denied')
    queryClient.setQueryData<RoomListItem[]>(queryKeys.myRooms(), (rooms) =>
      rooms?.filter((room) => room.id !== roomId),
    );
}

/** Starts room `roomId` afresh when it was last seen refused or taken away (access may have changed). */
export function forgetRefusedRoom(queryClient: QueryClient, roomId: string): void {
  const { status } = cachedRoom(queryClient, roomId);
  if (status === 'denied' || status === 'removed')
    queryClient.setQueryData<RoomState>(queryKeys.room(roomId), initialRoomState);
}

/** The rooms list shows room `roomId` as read (the reader marked its newest message). */
export function markRoomRead(queryClient: QueryClient, roomId: string): void {
  queryClient.setQueryData<RoomListItem[]>(queryKeys.myRooms(), (rooms) =>
    rooms?.map((room) => (room.id === roomId && room.unread ? { ...room, unread: 0 } : room)),
  );
}
