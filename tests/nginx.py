"""Run the shipped deploy/nginx.conf unprivileged on loopback (tests and benchmarks)."""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
requires_nginx = pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed (apt-get install -y nginx): the nginx tests are skipped"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port}")


def config(work, upstream_port, port, published, static_root, extra=""):
    """deploy/nginx.conf with this run's ports and folders, in a complete unprivileged configuration."""
    server = (ROOT / "deploy" / "nginx.conf").read_text()
    for old, new in (
        ("127.0.0.1:8000", f"127.0.0.1:{upstream_port}"),
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("/srv/cms/var/published", str(published)),
        ("/srv/cms/var/static/", f"{static_root}/"),
        ("/srv/cms/var/media/", f"{work}/media/"),
        ("server_name _;", f"server_name _;\n{extra}"),
    ):
        assert old in server, old
        server = server.replace(old, new)
    temporary = "\n".join(
        f"    {kind}_temp_path {work}/tmp-{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Started as root (CI), nginx's workers would drop to nobody, who cannot read pytest's folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    path = Path(work) / "nginx.conf"
    path.write_text(
        f"{user}pid {work}/nginx.pid;\nerror_log {work}/nginx-error.log;\nworker_processes 1;\n"
        f"events {{ worker_connections 1024; }}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    access_log off;\n{temporary}\n{server}\n}}\n"
    )
    return path


@contextmanager
def running(work, upstream_port, published, static_root, extra=""):
    """nginx on a free loopback port; yields the port."""
    port = free_port()
    process = subprocess.Popen(
        [
            NGINX,
            "-c",
            str(config(work, upstream_port, port, published, static_root, extra)),
            "-g",
            "daemon off;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
