"""Fixtures for imports: real files made here, and a local web server for the board
and feeds (127.0.0.1, a free port, stopped after the test)."""

from __future__ import annotations

import io
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from pypdf import PdfWriter

FILES = Path(__file__).parent / "files"


def png(colour: str = "navy", size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def uploads(tmp_path) -> Path:
    """A copy of wp-content/uploads with some of the export's files (not all)."""
    root = tmp_path / "uploads"
    (root / "2024/05").mkdir(parents=True)
    (root / "2024/08").mkdir(parents=True)
    (root / "2024/05/harbour.png").write_bytes(png("teal"))
    (root / "2024/08/bridge-west.png").write_bytes(png("olive"))
    # bridge-east.png and 2024/06/timetable.pdf are missing on purpose.
    return root


class BoardHandler(SimpleHTTPRequestHandler):
    """Serves a folder like the live board: view.php?no=N is the saved view-N.html;
    board.php serves the list, or post N with ?no=N, as boards run by one script do."""

    requests: list[str]

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path.endswith("/view.php"):
            number = query.get("no", [""])[0]
            self.path = parts.path.replace("view.php", f"view-{number}.html")
        elif parts.path.endswith("/board.php"):  # one script for list and posts
            number = query.get("no", [""])[0]
            page = f"view-{number}.html" if number else "list.html"
            self.path = parts.path.replace("board.php", page)
        super().do_GET()


@pytest.fixture
def serve(tmp_path):
    """serve(folder) → base URL of a web server for that folder, stopped after."""
    servers = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), partial(BoardHandler, directory=str(folder))
        )
        server.requests = []
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def board_dir(tmp_path) -> Path:
    """The saved board pages with their files (an image and a PDF)."""
    folder = tmp_path / "board"
    shutil.copytree(FILES / "board", folder)
    (folder / "files").mkdir()
    (folder / "files/park-map.png").write_bytes(png("green"))
    (folder / "files/park-plan.pdf").write_bytes(pdf())
    (folder / "logo.png").write_bytes(png("red", (20, 20)))
    return folder
