"""The assistant over a language model (pydantic-ai): ``TASKMATE_LLM`` other than offline."""
