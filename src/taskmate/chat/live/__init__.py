"""The live layer under both transports (WebSocket and SSE): one ``LiveSession`` per
connection turns broker events and client requests into frames, in order, with replay,
gap filling and resync; the transports only carry the frames."""
