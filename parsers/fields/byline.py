from parsers.record import Byline
def find_byline(text: str) -> Byline | None:
    return None
