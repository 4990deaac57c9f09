"""The chat engine: conversations as ordered item logs, shared between participants.

It knows nothing about tasks; an application plugs in through ``hooks`` and a
``responder.Responder`` that the generation runner calls. Layout:

- ``models``: conversations, participants, items, generations.
- ``log``: ``ItemLog``, the only writer of ``seq`` and ``position`` (append, touch).
- ``context``: ``ChatContext``, one transaction for one actor (``LogContext`` for none);
  events go out after commit.
- ``access``: participation checks every query starts from (404 for outsiders).
- services, one concept each, shared by every transport: ``conversations`` (+ ``listing``),
  ``participants``, ``messages`` (send, stop, regenerate), ``actions`` (choose, undo),
  ``reading`` (change feed, history, read receipts); ``generations`` records queued
  generations and durable stop requests.
- ``render``: the one JSON shape of items and conversations (responses and events alike);
  ``markdown``: safe HTML for messages.
- REST: ``router`` and ``items_router`` (thin), ``schemas``, ``deps``.
- live delivery: ``live`` (one ``LiveSession`` per connection: replay, gap filling,
  presence; ``commands`` maps client frames to the services), ``ws`` (the WebSocket) and
  ``sse`` (event streams), over the broker (``taskmate.broker``).
- generations: ``runner`` (``GenerationRunner``: scheduling, heartbeat, reaper) with its
  parts ``runner_lease`` (claims and leases in the database), ``runner_run`` (one
  generation: outputs to items), ``runner_stream`` (coalesced deltas), ``runner_choice``,
  ``runner_turn``, ``runner_conclude``, ``runner_reaper``; ``stream_store`` (text so far,
  memory or Redis); ``scripted`` (a responder that plays a script).
"""
