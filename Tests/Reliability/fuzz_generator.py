"""The fuzz generator: every category of malformed request, and the plan of which to send."""

from fuzz_gen_base import GeneratorBase
from fuzz_gen_bodies import BodyCases
from fuzz_gen_multipart import MultipartCases
from fuzz_gen_protocol import ProtocolCases
from fuzz_gen_requests import RequestCases


class Generator(BodyCases, MultipartCases, RequestCases, ProtocolCases, GeneratorBase):
    CATEGORIES = [
        ("form_encoding", 14), ("form_fields", 10), ("wrong_content_type", 8), ("oversized_body", 1),
        ("truncated_body", 4), ("multipart", 15), ("bad_ids", 13), ("path_tricks", 9), ("query_tricks", 7),
        ("headers", 7), ("cookies", 6), ("methods", 4), ("protocol", 7),
    ]

    def batches(self, count, size):
        """`count` cases, made a batch at a time (they are big): every category ten times in the
        first batch, then picked by weight."""
        names = [name for name, _ in self.CATEGORIES]
        weights = [weight for _, weight in self.CATEGORIES]
        plan = [name for name in names for _ in range(10)]
        plan += self.rng.choices(names, weights, k=max(0, count - len(plan)))
        plan = plan[:count]
        first, rest = plan[:size], plan[size:]
        self.rng.shuffle(first)
        plan = first + rest
        for start in range(0, len(plan), size):
            yield [getattr(self, name)() for name in plan[start:start + size]]
