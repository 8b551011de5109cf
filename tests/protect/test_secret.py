"""The secret file: encrypted at rest, opened with the passphrase, refused otherwise."""

from __future__ import annotations

import base64
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pyrage
import pytest

from curator import agepass
from curator.errors import EXIT_BAD_INPUT, InputError
from curator.protect.secret import (
    PendingSecret,
    import_secret,
    new_secret,
    read_secret_file,
    resolve_secret,
    write_secret_file,
)

REPO = Path(__file__).resolve().parents[2]


def test_round_trip_and_never_in_clear(tmp_path):
    secret = new_secret()
    path = tmp_path / "pseudo.secret"
    write_secret_file(path, secret, "correct horse battery staple")
    data = path.read_bytes()
    assert secret not in data and secret.hex().encode() not in data
    assert data.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert not (tmp_path / "pseudo.secret.part").exists()
    assert read_secret_file(path, "correct horse battery staple") == secret


def test_wrong_passphrase_is_a_clear_input_error(tmp_path):
    path = tmp_path / "pseudo.secret"
    write_secret_file(path, new_secret(), "right")
    with pytest.raises(InputError, match="wrong passphrase") as info:
        read_secret_file(path, "wrong")
    assert str(path) in str(info.value)


@pytest.mark.slow
def test_pending_secret_is_opened_in_the_helper_process_while_this_one_works(tmp_path):
    from curator.protect import _pool

    secret = new_secret()
    path = tmp_path / "pseudo.secret"
    write_secret_file(path, secret, "right")
    started = time.process_time()
    pending = PendingSecret(path, "right")
    assert time.process_time() - started < 0.2   # scrypt (about a second of CPU) runs over there
    assert resolve_secret(pending) == secret
    assert pending.secret() == secret
    assert _pool._executor is not None
    wrong = PendingSecret(path, "wrong")
    with pytest.raises(InputError, match="wrong passphrase") as info:
        resolve_secret(wrong)
    assert str(path) in str(info.value)
    plain = tmp_path / "plain.txt"
    plain.write_text("not a secret")
    with pytest.raises(InputError, match="not an encrypted pseudonymisation secret"):
        PendingSecret(plain, "right")
    assert resolve_secret(secret) == secret and resolve_secret(None) is None


@pytest.mark.slow
def test_pending_secret_without_a_helper_process_opens_the_file_here(tmp_path, monkeypatch):
    from curator.protect import _pool

    secret = new_secret()
    path = tmp_path / "pseudo.secret"
    write_secret_file(path, secret, "right")
    monkeypatch.setattr(_pool, "_disabled", True)   # as when the system refuses a second process
    monkeypatch.setattr(_pool, "_executor", None)
    assert PendingSecret(path, "right").secret() == secret
    with pytest.raises(InputError, match="wrong passphrase"):
        PendingSecret(path, "wrong").secret()


def test_refuses_to_replace_a_secret_and_rejects_non_secret_files(tmp_path):
    path = tmp_path / "pseudo.secret"
    write_secret_file(path, new_secret(), "pw")
    with pytest.raises(InputError, match="already exists"):
        write_secret_file(path, new_secret(), "pw")
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(InputError, match="not an encrypted"):
        read_secret_file(other, "pw")


def test_new_secrets_are_32_random_bytes():
    first, second = new_secret(), new_secret()
    assert len(first) == 32 and first != second


@pytest.mark.interop("age")
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_stock_age_opens_the_secret_file(tmp_path):
    """The secret file is a plain age passphrase file: the hub's own tools can open it."""
    secret = new_secret()
    mine = tmp_path / "mine.secret"
    write_secret_file(mine, secret, "pw")
    out = tmp_path / "clear"
    assert _age_decrypt_on_a_terminal(mine, out, "pw") == 0
    assert out.read_bytes() == secret


def test_hub_issued_age_file_is_imported(tmp_path):
    """The hub hands out the linkage secret as base64 text in an age passphrase file."""
    secret = new_secret()
    issued = tmp_path / "linkage.age"
    issued.write_bytes(pyrage.passphrase.encrypt(base64.b64encode(secret) + b"\n", "hub pass"))
    destination = tmp_path / "linkage.secret"
    assert import_secret(issued, destination, "my pass", source_passphrase="hub pass") == secret
    assert read_secret_file(destination, "my pass") == secret
    with pytest.raises(InputError, match="wrong passphrase"):
        import_secret(issued, tmp_path / "other.secret", "my pass", source_passphrase="not it")


@pytest.mark.interop("age")
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_hub_secret_made_with_stock_age_is_read(tmp_path):
    """The hub makes the linkage secret with `age -p -a` (armored, the secret as hex text)."""
    secret = new_secret()
    clear = tmp_path / "linkage.txt"
    clear.write_text(secret.hex())
    issued = tmp_path / "linkage.age"
    assert _on_a_terminal(["age", "-p", "-a", "-o", str(issued), str(clear)], "hub pass") == 0
    assert issued.read_bytes().startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    assert read_secret_file(issued, "hub pass") == secret
    assert import_secret(issued, tmp_path / "mine.secret", "my pass", source_passphrase="hub pass") == secret


def _age_decrypt_on_a_terminal(source, out, passphrase: str) -> int:
    return _on_a_terminal(["age", "-d", "-o", str(out), str(source)], passphrase)


def _on_a_terminal(argv: list[str], passphrase: str | list[str]) -> int:
    """age reads passphrases only from a terminal: run it on a pseudo-terminal and answer each
    prompt (with the one passphrase, or with the next of a list)."""
    import pty

    answers = [passphrase] if isinstance(passphrase, str) else list(passphrase)
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child process
        os.execvp(argv[0], argv)
    seen = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if b"passphrase" in seen.lower() or b"again:" in seen.lower():
            answer = answers.pop(0) if len(answers) > 1 else answers[0]
            os.write(fd, answer.encode() + b"\n")
            seen = b""
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _hub_secret_made_by_stock_age(tmp_path, passphrase: str) -> tuple[bytes, object]:
    secret = new_secret()
    clear = tmp_path / "linkage.txt"
    clear.write_text(secret.hex())
    issued = tmp_path / "linkage.age"
    assert _on_a_terminal(["age", "-p", "-o", str(issued), str(clear)], passphrase) == 0
    clear.unlink()
    assert issued.read_bytes().startswith(b"age-encryption.org/v1")
    return secret, issued


def _curator(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "curator", *args], cwd=cwd, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.mark.interop("age")
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_keys_new_secret_imports_a_hub_file_made_by_stock_age_with_its_passphrase_file(tmp_path):
    secret, issued = _hub_secret_made_by_stock_age(tmp_path, "hub pass")
    (tmp_path / "hub.pass").write_text("hub pass\n")
    (tmp_path / "mine.pass").write_text("my pass\n")
    mine = tmp_path / "mine.secret"
    done = _curator("keys", "new-secret", "-o", str(mine), "--import", str(issued),
                    "--import-passphrase-file", str(tmp_path / "hub.pass"), "--passphrase-file",
                    str(tmp_path / "mine.pass"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert read_secret_file(mine, "my pass") == secret
    assert secret.hex() not in done.stdout + done.stderr

    (tmp_path / "wrong.pass").write_text("not the hub's\n")
    refused = _curator("keys", "new-secret", "-o", str(tmp_path / "other.secret"), "--import", str(issued),
                       "--import-passphrase-file", str(tmp_path / "wrong.pass"), "--passphrase-file",
                       str(tmp_path / "mine.pass"), cwd=tmp_path)
    assert refused.returncode == EXIT_BAD_INPUT and "wrong passphrase" in refused.stderr
    assert not (tmp_path / "other.secret").exists()

    # No terminal and no passphrase file for the hub's file: say which option gives it.
    unasked = _curator("keys", "new-secret", "-o", str(tmp_path / "third.secret"), "--import", str(issued),
                       "--passphrase-file", str(tmp_path / "mine.pass"), cwd=tmp_path)
    assert unasked.returncode == EXIT_BAD_INPUT and "--import-passphrase-file" in unasked.stderr
    assert not (tmp_path / "third.secret").exists()


@pytest.mark.interop("age")
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_keys_new_secret_asks_for_the_hub_files_passphrase_on_a_terminal(tmp_path):
    secret, issued = _hub_secret_made_by_stock_age(tmp_path, "hub pass")
    mine = tmp_path / "mine.secret"
    argv = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(REPO)!r}); from curator.cli import main; "
            f"raise SystemExit(main(['keys', 'new-secret', '-o', {str(mine)!r}, '--import', {str(issued)!r}]))"]
    # Asked in this order: the hub's file, then the new passphrase twice.
    assert _on_a_terminal(argv, ["hub pass", "my pass", "my pass"]) == 0
    assert read_secret_file(mine, "my pass") == secret


def test_import_hex_and_base64_text(tmp_path):
    secret = new_secret()
    for text in (secret.hex(), base64.b64encode(secret).decode()):
        source = tmp_path / "hub-secret.txt"
        source.write_text(text + "\n")
        destination = tmp_path / f"imported-{len(text)}.secret"
        assert import_secret(source, destination, "local pass") == secret
        assert read_secret_file(destination, "local pass") == secret


def test_import_rejects_a_secret_of_the_wrong_size(tmp_path):
    source = tmp_path / "short.txt"
    source.write_text("abcd")
    with pytest.raises(InputError, match="not 32 bytes"):
        import_secret(source, tmp_path / "x.secret", "pw")


def test_linkage_secret_forms(tmp_path):
    from curator.protect.secret import read_linkage_secret

    secret = new_secret()
    raw = tmp_path / "raw.bin"
    raw.write_bytes(secret)
    assert read_linkage_secret(raw) == secret
    sealed = tmp_path / "sealed.age"
    # A cheap work factor: this test is about the forms, not scrypt's cost; it opens the file three
    # times (pyrage's own calibration writes 2^19 or 2^20; a file pyrage wrote is read above).
    sealed.write_bytes(agepass.encrypt(secret, "hub pass", work_factor=10))
    with pytest.raises(InputError, match="encrypted and no passphrase"):
        read_linkage_secret(sealed)
    assert read_linkage_secret(sealed, "hub pass") == secret
    # A function that asks for the passphrase is called only for an encrypted file.
    assert read_linkage_secret(sealed, lambda: "hub pass") == secret
    assert read_linkage_secret(raw, lambda: pytest.fail("asked for a passphrase a plain file does not need")) == secret
