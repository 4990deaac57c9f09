"""The uvicorn options ``taskmate serve`` runs with (the live tests run with the same)."""

from taskmate.config import Settings
from taskmate.server import server_options


def test_the_server_enforces_the_protocols_frame_limit_without_compression() -> None:
    options = server_options(Settings(host="0.0.0.0", port=9000, log_level="warning"))
    assert options["ws_max_size"] == 256 * 1024
    assert options["ws_per_message_deflate"] is False
    assert (options["host"], options["port"], options["log_level"]) == ("0.0.0.0", 9000, "warning")
    assert options["proxy_headers"] is False  # TASKMATE_TRUSTED_PROXIES decides instead
