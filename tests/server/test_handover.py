"""A stopping Granian worker stops accepting on the shared socket, which stays open.

The whole reload is guarded by test_serve_lifecycle.py; this shows the step a
stopping worker takes, in a child process holding the socket as a worker does.
"""

import socket
import subprocess
import sys

CHILD = """
import os, socket, sys
from bulletin.server.handover import listening_descriptors, stop_accepting
fd = int(sys.argv[1])
def port():
    with socket.socket(fileno=os.dup(fd)) as held:
        return held.getsockname()[1]
before = port()
assert [fd] == list(listening_descriptors()), "not found"
stop_accepting()
print(before, port())
"""


def test_a_stopping_worker_points_its_descriptor_away_and_the_socket_stays_open():
    with socket.socket() as shared:
        shared.bind(("127.0.0.1", 0))
        shared.listen(8)
        port = shared.getsockname()[1]
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(shared.fileno())],
            pass_fds=[shared.fileno()],
            capture_output=True,
            text=True,
            check=True,
        )
        before, after = map(int, child.stdout.split())
        assert before == port
        assert after != port  # the child's descriptor now names its own empty socket
        # The socket the others hold still takes connections.
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            accepted, _address = shared.accept()
            accepted.close()


def test_a_process_without_listening_sockets_has_nothing_to_point_away():
    child = subprocess.run(
        [sys.executable, "-c",
         "from bulletin.server.handover import listening_descriptors as found; "
         "print(len(list(found())))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert child.stdout.strip() == "0"
