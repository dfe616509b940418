"""Service configuration: file < environment < flags; bad values named with their origin."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.service.config import ServiceConfigError, load_service_config


def test_file_then_environment_then_flags(tmp_path: Path) -> None:
    path = tmp_path / "etc" / "service.toml"
    path.parent.mkdir()
    path.write_text('[service]\nsources = "sources.toml"\nport = 9000\ncrawl_timeout = 60\n'
                    'state_dir = "/var/lib/thresher"\nkeep_pages = false\n')
    config = load_service_config(path, env={"THRESHER_PORT": "9100",
                                            "THRESHER_API_TOKEN": "tok"},
                                 overrides={"port": 9200, "host": None})
    assert config.sources == tmp_path / "etc" / "sources.toml"  # relative to the file
    assert config.state_dir == Path("/var/lib/thresher")
    assert config.port == 9200 and config.host == "127.0.0.1"
    assert config.crawl_timeout == 60.0 and config.keep_pages is False
    assert config.api_token == "tok"
    assert config.records_path == Path("/var/lib/thresher/output/thresher.sqlite")
    assert "tok" not in repr(config)


def test_defaults_without_file_or_environment() -> None:
    config = load_service_config(None, env={})
    assert (config.host, config.port, config.timezone) == ("127.0.0.1", 8080, "UTC")
    assert config.misfire_grace == 3600 and config.api_token is None


@pytest.mark.parametrize(("env", "message"), [
    ({"THRESHER_PORT": "http"}, "environment: port: expected a number (got 'http')"),
    ({"THRESHER_PORT": "70000"}, "environment: port: expected a port 0..65535"),
    ({"THRESHER_CRAWL_TIMEOUT": "0"}, "environment: crawl_timeout: expected a number >="),
    ({"THRESHER_TIMEZONE": "Mars/Olympus"}, "environment: timezone: unknown time zone"),
    ({"THRESHER_KEEP_PAGES": "maybe"}, "environment: keep_pages: expected true or false"),
])
def test_bad_environment_values_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(ServiceConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_service_config(None, env=env)


def test_bad_files_are_named(tmp_path: Path) -> None:
    path = tmp_path / "service.toml"
    with pytest.raises(ServiceConfigError, match="no such file"):
        load_service_config(path, env={})
    path.write_text("[service]\nport = \n")
    with pytest.raises(ServiceConfigError, match="unreadable"):
        load_service_config(path, env={})
    path.write_text('[service]\nlisten = "0.0.0.0"\n')
    with pytest.raises(ServiceConfigError, match=r"service.toml: listen: unknown key"):
        load_service_config(path, env={})


def test_the_example_config_in_deploy_loads() -> None:
    example = Path(__file__).resolve().parents[2] / "deploy" / "service.toml"
    config = load_service_config(example, env={})
    assert config.state_dir == Path("/var/lib/thresher")
    assert config.sources == Path("/etc/thresher/sources.toml")
    assert (config.shutdown_grace, config.stop_grace) == (60.0, 30.0)
