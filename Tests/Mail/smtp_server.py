"""A test relay for CohortMail's SMTP tests, built on aiosmtpd.

Prints "trust roots PATH" (with --cert auto) and then "listening on PORT" once it accepts
connections; stops on SIGTERM. Every AUTH attempt is logged to --events, one line each, so a
test can prove a client sent no password. Binds to 127.0.0.1 only.
"""

import argparse
import datetime
import ipaddress
import mailbox
import os
import signal
import socket
import ssl
import sys
import tempfile
import threading

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult
except ImportError:
    sys.exit("aiosmtpd is not installed in this Python: pip install -r Tests/Mail/requirements.txt")

HOST = "127.0.0.1"

ANSWERS = {
    "250": None,
    "451": "451 4.3.0 test relay: try again later",
    "452": "452 4.3.1 test relay: insufficient storage",
    "550": "550 5.1.1 test relay: mailbox unavailable",
    "554": "554 5.7.1 test relay: message refused",
}


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--maildir", required=True, help="Maildir that accepted messages go to")
    parser.add_argument("--cert", help='PEM certificate to offer STARTTLS with, or "auto" for a fresh one')
    parser.add_argument("--key", help="PEM key for --cert")
    parser.add_argument("--implicit-tls", action="store_true", help="smtps: TLS from the first byte")
    parser.add_argument("--user", help="require AUTH with this user")
    parser.add_argument("--password", help="password for --user")
    parser.add_argument("--only-login", action="store_true", help="offer AUTH LOGIN but not PLAIN")
    parser.add_argument("--answers", default="", help='codes for successive DATA replies, e.g. "451,250"; then 250')
    parser.add_argument("--events", help="file to append AUTH attempts to")
    return parser.parse_args()


def make_certificate(directory):
    """A throwaway CA and a leaf for 127.0.0.1 and localhost signed by it; returns (ca, cert, key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CohortMail test CA")])
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = [os.path.join(directory, name) for name in ("ca.pem", "cert.pem", "key.pem")]
    with open(paths[0], "wb") as file:
        file.write(ca.public_bytes(serialization.Encoding.PEM))
    with open(paths[1], "wb") as file:
        file.write(leaf.public_bytes(serialization.Encoding.PEM))
    with open(paths[2], "wb") as file:
        file.write(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return paths


class Relay:
    """Answers DATA with the planned codes and files accepted messages in the Maildir."""

    def __init__(self, maildir, answers):
        self.maildir = mailbox.Maildir(maildir, create=True)
        self.answers = [code.strip() for code in answers.split(",") if code.strip()]

    async def handle_DATA(self, server, session, envelope):
        code = self.answers.pop(0) if self.answers else "250"
        if code not in ANSWERS:
            return f"451 4.3.0 test relay: unknown planned answer {code}"
        if ANSWERS[code] is not None:
            return ANSWERS[code]
        self.maildir.add(envelope.original_content or envelope.content)
        return "250 2.0.0 OK: queued"


def authenticator(arguments):
    def check(server, session, envelope, mechanism, auth_data):
        login = auth_data.login.decode(errors="replace") if auth_data.login else ""
        if arguments.events:
            with open(arguments.events, "a") as file:
                file.write(f"AUTH {mechanism} {login}\n")
        good = auth_data.login == arguments.user.encode() and auth_data.password == arguments.password.encode()
        return AuthResult(success=good, handled=False)
    return check


def free_port():
    # aiosmtpd's Controller needs a real port to check that it is up, so pick one first.
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def main():
    arguments = parse_arguments()
    with tempfile.TemporaryDirectory(prefix="cohort-relay-") as scratch:
        context = None
        if arguments.cert:
            cert, key = arguments.cert, arguments.key
            if cert == "auto":
                ca, cert, key = make_certificate(scratch)
                print(f"trust roots {ca}", flush=True)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
        options = {}
        if arguments.user:
            options["authenticator"] = authenticator(arguments)
            # Without TLS the relay still takes AUTH, so a test can show the client never sends it.
            # With implicit TLS aiosmtpd does not know the connection is encrypted, so it must not
            # ask for STARTTLS first either.
            options["auth_require_tls"] = context is not None and not arguments.implicit_tls
            if arguments.only_login:
                options["auth_exclude_mechanism"] = ["PLAIN"]
        if context is not None and arguments.implicit_tls:
            options["ssl_context"] = context
        elif context is not None:
            options["tls_context"] = context
            options["require_starttls"] = False
        port = arguments.port or free_port()
        controller = Controller(Relay(arguments.maildir, arguments.answers), hostname=HOST, port=port, **options)
        controller.start()
        stop = threading.Event()
        # A parent may have spawned us with SIGTERM blocked (Foundation's Process does); unblock it.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        print(f"listening on {port}", flush=True)
        try:
            while not stop.wait(0.2):
                # Stop with the test that started us even if it could not send SIGTERM.
                if os.getppid() == 1:
                    break
        finally:
            controller.stop()


if __name__ == "__main__":
    main()
