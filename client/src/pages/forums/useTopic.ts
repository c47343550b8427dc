/**
 * A topic page's data: the topic, its space and its replies (oldest first, paged forward by cursor),
 * kept in step with the live `post:*` events. Replies that arrive while the last page is shown are
 * fetched again from that page's cursor and merged; removed items leave at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiError } from '../../hooks/useApiGet.js';
import type { ApiError } from '../../api.js';
import {
  getSpace,
  getTopic,
  listReplies,
  markRead,
  type ReplyView,
  type SpaceView,
  type TopicView,
} from './forumsApi.js';
import { usePostEvents } from './liveForum.js';

/** The topic page's state. */
export type TopicState =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'gone' }
  | { state: 'ready'; topic: TopicView; space: SpaceView; replies: ReplyView[]; nextCursor: string | null };

/** The state, and the ways to change it. */
export interface TopicModel {
  data: TopicState;
  retry: () => void;
  loadMore: () => Promise<void>;
  setTopic: (update: (topic: TopicView) => TopicView) => void;
  addReply: (reply: ReplyView) => void;
  replaceReply: (reply: ReplyView) => void;
  /** Takes a reply off the page at once (deleted or quarantined by the reader). */
  removeReply: (id: string) => void;
  /** Reads the topic again (its state and the reader's abilities may have changed). */
  refreshTopic: () => void;
  /** Reads the page holding reply `id` again; a reply the reader may no longer read leaves. */
  refreshReply: (id: string) => void;
  /** Reads every shown page of replies again (a topic's relabel moves its replies with it). */
  refreshReplies: () => void;
  /** The latest reply that arrived live (for the announcement), with a counter. */
  arrived: { reply: ReplyView; seq: number } | null;
}

/** Loads topic `topicId` and follows it live. */
export function useTopic(topicId: string): TopicModel {
  const [data, setData] = useState<TopicState>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [arrived, setArrived] = useState<TopicModel['arrived']>(null);
  const pageOf = useRef(new Map<string, string | null>()); // reply id -> cursor of its page
  const lastPage = useRef<string | null>(null);
  const current = useRef(data);
  current.current = data;

  const remember = (items: ReplyView[], cursor: string | null) => {
    for (const item of items) pageOf.current.set(item.id, cursor);
  };

  useEffect(() => {
    const controller = new AbortController();
    setData({ state: 'loading' });
    pageOf.current.clear();
    (async () => {
      const topic = await getTopic(topicId, controller.signal);
      const [space, replies] = await Promise.all([
        getSpace(topic.space.slug, controller.signal),
        listReplies(topicId, null, controller.signal),
      ]);
      lastPage.current = null;
      remember(replies.items, null);
      setData({ state: 'ready', topic, space, replies: replies.items, nextCursor: replies.nextCursor });
      if (!replies.nextCursor) void markRead(topicId).catch(() => undefined);
    })().catch((error: unknown) => {
      if (controller.signal.aborted) return;
      const apiError = asApiError(error);
      setData(apiError.status === 404 ? { state: 'gone' } : { state: 'error', error: apiError });
    });
    return () => controller.abort();
  }, [topicId, attempt]);

  const merge = useCallback(
    (items: ReplyView[], cursor: string | null, nextCursor: string | null, live: boolean) => {
      remember(items, cursor);
      const before = current.current;
      const shown = new Set(before.state === 'ready' ? before.replies.map((r) => r.id) : []);
      const fresh = items.filter((item) => !shown.has(item.id));
      setData((state) => {
        if (state.state !== 'ready') return state;
        const known = new Map(state.replies.map((r) => [r.id, r]));
        const added = items.filter((item) => !known.has(item.id));
        for (const item of items) if (known.has(item.id)) known.set(item.id, item);
        return {
          ...state,
          replies: [...state.replies.map((r) => known.get(r.id) ?? r), ...added],
          nextCursor,
        };
      });
      const last = fresh[fresh.length - 1];
      if (live && last) setArrived((previous) => ({ reply: last, seq: (previous?.seq ?? 0) + 1 }));
    },
    [],
  );

  const loadMore = useCallback(async () => {
    const state = current.current;
    if (state.state !== 'ready' || !state.nextCursor) return;
    const cursor = state.nextCursor;
    const page = await listReplies(topicId, cursor);
    lastPage.current = cursor;
    merge(page.items, cursor, page.nextCursor, false);
    if (!page.nextCursor) void markRead(topicId).catch(() => undefined);
  }, [topicId, merge]);

  /** Fetches the last page again (new replies land there) when the reader is at the end. */
  const catchUp = useCallback(async () => {
    const state = current.current;
    if (state.state !== 'ready' || state.nextCursor) return;
    const cursor = lastPage.current;
    const page = await listReplies(topicId, cursor);
    merge(page.items, cursor, page.nextCursor, true);
    if (page.nextCursor) lastPage.current = page.nextCursor;
    if (document.visibilityState === 'visible') void markRead(topicId).catch(() => undefined);
  }, [topicId, merge]);

  const refreshTopic = useCallback(() => {
    void getTopic(topicId).then(
      (topic) => setData((s) => (s.state === 'ready' ? { ...s, topic } : s)),
      () => undefined,
    );
  }, [topicId]);

  const removeReply = useCallback((id: string) => {
    pageOf.current.delete(id);
    setData((s) => (s.state === 'ready' ? { ...s, replies: s.replies.filter((r) => r.id !== id) } : s));
  }, []);

  const refreshReply = useCallback(
    (id: string) => {
      if (!pageOf.current.has(id)) return;
      const cursor = pageOf.current.get(id) ?? null;
      void listReplies(topicId, cursor).then(
        (page) => {
          // A reply the reader may no longer read (raised out of reach, hidden) is not on the page now.
          if (!page.items.some((item) => item.id === id)) removeReply(id);
          merge(
            page.items.filter((item) => pageOf.current.has(item.id)),
            cursor,
            current.current.state === 'ready' ? current.current.nextCursor : null,
            false,
          );
        },
        () => undefined,
      );
    },
    [topicId, merge, removeReply],
  );

  const refreshReplies = useCallback(() => {
    for (const cursor of new Set(pageOf.current.values())) {
      void listReplies(topicId, cursor).then(
        (page) =>
          merge(
            page.items.filter((item) => pageOf.current.has(item.id)),
            cursor,
            current.current.state === 'ready' ? current.current.nextCursor : null,
            false,
          ),
        () => undefined,
      );
    }
  }, [topicId, merge]);

  const ready = data.state === 'ready' ? data : null;
  usePostEvents(
    {
      created: (post) => {
        // Only replies to this topic land on its last page; anything else in the space is ignored.
        if (ready && post.topicId === topicId) void catchUp().catch(() => undefined);
      },
      updated: (post) => {
        if (!ready) return;
        if (post.id === topicId) refreshTopic();
        else if (pageOf.current.has(post.id)) refreshReply(post.id);
      },
      removed: (id) => {
        if (id === topicId) setData({ state: 'gone' });
        else removeReply(id);
      },
      reconnected: () => void catchUp().catch(() => undefined),
    },
    ready !== null,
  );

  return {
    data,
    arrived,
    retry: useCallback(() => setAttempt((n) => n + 1), []),
    loadMore,
    setTopic: useCallback(
      (update) => setData((s) => (s.state === 'ready' ? { ...s, topic: update(s.topic) } : s)),
      [],
    ),
    addReply: useCallback((reply: ReplyView) => merge([reply], lastPage.current, null, false), [merge]),
    removeReply,
    refreshTopic,
    refreshReply,
    refreshReplies,
    replaceReply: useCallback(
      (reply: ReplyView) =>
        setData((s) =>
          s.state === 'ready' ? { ...s, replies: s.replies.map((r) => (r.id === reply.id ? reply : r)) } : s,
        ),
      [],
    ),
  };
}
