// One live connection per tab: a WebSocket with exponential backoff and jitter, resuming
// every conversation from its last seq; when WebSockets keep failing, Server-Sent Events,
// and when those fail too, polling. Frames reach listeners in the WebSocket's shape.
import { api, goToLogin, refreshSession } from "./api.js";

const WS_FAILURES_BEFORE_FALLBACK = 3;
const SSE_FAILURES_BEFORE_POLLING = 3;
const POLL_SECONDS = 3;
const RETRY_WEBSOCKET_SECONDS = 60;
const UNAUTHORIZED = 4401;

export function backoff(attempt, base = 500, cap = 15000) {
  const ceiling = Math.min(cap, base * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

export class Connection extends EventTarget {
  constructor() {
    super();
    this.status = "connecting"; // connecting | online | reconnecting | offline
    this.transport = "ws"; // ws | sse | poll
    this.subscriptions = new Map(); // conversation id -> () => last seq
    this.failures = 0;
    this.socket = null;
    this.streams = new Map();
    this.pollTimer = null;
    addEventListener("online", () => this.reconnectNow());
    addEventListener("offline", () => this.setStatus("offline"));
  }

  start() {
    this.openSocket();
    return this;
  }

  on(type, listener) {
    this.addEventListener(type, (event) => listener(event.detail));
  }

  emit(frame) {
    this.dispatchEvent(new CustomEvent(frame.type, { detail: frame }));
    this.dispatchEvent(new CustomEvent("frame", { detail: frame }));
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.dispatchEvent(new CustomEvent("status", { detail: { status, transport: this.transport } }));
  }

  subscribe(conversationId, lastSeq) {
    this.subscriptions.set(conversationId, lastSeq);
    this.follow(conversationId);
  }

  unsubscribe(conversationId) {
    this.subscriptions.delete(conversationId);
    this.send({ type: "unsubscribe", conversation_id: conversationId });
    this.streams.get(conversationId)?.close();
    this.streams.delete(conversationId);
  }

  // Reads again from the last seq (after a missed delta).
  resync(conversationId) {
    if (this.transport === "sse") this.streams.get(conversationId)?.close();
    this.streams.delete(conversationId);
    this.follow(conversationId);
  }

  follow(conversationId) {
    const afterSeq = this.subscriptions.get(conversationId)?.();
    if (this.transport === "ws") {
      this.send({ type: "subscribe", conversation_id: conversationId, after_seq: afterSeq });
    } else if (this.transport === "sse" && !this.streams.has(conversationId)) {
      this.openStream(conversationId, afterSeq);
    } else if (this.transport === "poll") {
      this.poll(conversationId);
    }
  }

  send(frame) {
    if (this.socket?.readyState !== WebSocket.OPEN || this.status !== "online") return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  reconnectNow() {
    if (this.transport === "ws" && this.socket?.readyState !== WebSocket.OPEN) {
      clearTimeout(this.retryTimer);
      this.failures = 0;
      this.openSocket();
    }
  }

  openSocket() {
    this.socket?.close();
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${location.host}/api/v1/ws`);
    this.socket = socket;
    let ready = false;
    socket.onmessage = (message) => {
      const frame = JSON.parse(message.data);
      if (frame.type === "ready") {
        ready = true;
        this.failures = 0;
        this.useTransport("ws");
        this.setStatus("online");
        for (const id of this.subscriptions.keys()) this.follow(id);
        this.emit(frame);
        return;
      }
      this.emit(frame);
    };
    socket.onclose = async (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === UNAUTHORIZED) {
        if (!(await refreshSession())) return goToLogin();
      } else if (!ready) {
        this.failures += 1;
      }
      if (this.transport !== "ws") return;
      if (this.failures >= WS_FAILURES_BEFORE_FALLBACK) return this.fallBack("sse");
      this.setStatus(navigator.onLine ? "reconnecting" : "offline");
      this.retryTimer = setTimeout(() => this.openSocket(), backoff(this.failures));
    };
  }

  useTransport(transport) {
    if (this.transport === transport) return;
    this.transport = transport;
    for (const stream of this.streams.values()) stream.close();
    this.streams.clear();
    clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  fallBack(transport) {
    clearTimeout(this.retryTimer);
    this.useTransport(transport);
    this.failures = 0;
    this.setStatus("online");
    if (transport === "sse") this.openUserStream();
    if (transport === "poll") {
      this.pollTimer = setInterval(() => this.pollAll(), POLL_SECONDS * 1000);
      this.emit({ type: "polling" });
    }
    for (const id of this.subscriptions.keys()) this.follow(id);
    this.retryTimer = setTimeout(() => {
      this.transport = "ws";
      this.openSocket();
    }, RETRY_WEBSOCKET_SECONDS * 1000);
  }

  openUserStream() {
    this.listen("/api/v1/events", ["task", "project", "conversation", "reminder", "notifications"],
      "user");
  }

  openStream(conversationId, afterSeq) {
    const query = afterSeq === undefined ? "" : `?after_seq=${afterSeq}`;
    this.listen(`/api/v1/conversations/${conversationId}/events${query}`,
      ["item", "delta", "typing", "presence", "receipt", "conversation"], conversationId);
  }

  listen(url, types, key) {
    const source = new EventSource(url);
    this.streams.set(key, source);
    for (const type of types) {
      source.addEventListener(type, (event) => {
        const data = JSON.parse(event.data);
        this.emit(type === "item" ? { type, conversation_id: key, item: data } : data);
      });
    }
    source.onopen = () => { this.failures = 0; };
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself
      this.streams.delete(key);
      this.failures += 1;
      if (this.failures >= SSE_FAILURES_BEFORE_POLLING) return this.fallBack("poll");
      setTimeout(() => this.reopen(key), backoff(this.failures));
    };
  }

  reopen(key) {
    if (this.transport !== "sse" || this.streams.has(key)) return;
    if (key === "user") this.openUserStream();
    else if (this.subscriptions.has(key)) this.follow(key);
  }

  pollAll() {
    for (const id of this.subscriptions.keys()) this.poll(id);
    this.emit({ type: "polling" });
  }

  async poll(conversationId) {
    const afterSeq = this.subscriptions.get(conversationId)?.() ?? 0;
    try {
      const page = await api(`/conversations/${conversationId}/items?after_seq=${afterSeq}&limit=200`);
      for (const item of page.items) this.emit({ type: "item", conversation_id: conversationId, item });
      this.setStatus("online");
    } catch {
      this.setStatus("reconnecting");
    }
  }
}

let shared = null;
export function connection() {
  shared ??= new Connection().start();
  return shared;
}
