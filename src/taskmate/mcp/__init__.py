"""Taskmate as an MCP server: the assistant's task tools, resources of the user's tasks and
lists, ``undo`` and ``ask_assistant``, over stdio (``taskmate mcp``) or Streamable HTTP
(``/mcp``)."""
