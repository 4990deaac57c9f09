"""The chat engine: conversations as ordered item logs, shared between participants.

It knows nothing about tasks; an application plugs in through ``hooks`` (and, in later
slices, a responder the generation runner calls). Layout:

- ``models``: conversations, participants, items, generations.
- ``log``: ``ItemLog``, the only writer of ``seq`` and ``position`` (append, touch).
- ``context``: ``ChatContext``, one transaction for one actor; events go out after commit.
- ``access``: participation checks every query starts from (404 for outsiders).
- services, one concept each, shared by every transport: ``conversations`` (+ ``listing``),
  ``participants``, ``messages`` (send, stop, regenerate), ``actions`` (choose, undo),
  ``reading`` (change feed, history, read receipts); ``generations`` records queued
  generations and durable stop requests.
- ``render``: the one JSON shape of items and conversations (responses and events alike);
  ``markdown``: safe HTML for messages.
- REST: ``router`` and ``items_router`` (thin), ``schemas``, ``deps``.
"""
