"""The base of every refusal a service gives a participant or an API client: a machine-readable
`code`, an HTTP `status` and a `message` in the active language. The API turns any of them
into {"detail", "code"} (samrad/api/api.py) without knowing the app that raised it."""


class Refusal(Exception):
    code: str = "invalid"

    @property
    def message(self) -> str:
        raise NotImplementedError

    @property
    def status(self) -> int:
        return 422
