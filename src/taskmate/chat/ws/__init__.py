"""The WebSocket transport, ``GET /api/v1/ws``: a handshake, then a reader (the endpoint's
own task, running client frames through ``chat.live.commands``) and one writer task
(draining the connection's ``LiveSession``)."""
