"""The assistant: reads what the user asks and acts on their tasks."""
