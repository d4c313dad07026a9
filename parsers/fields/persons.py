from parsers.record import Person
def find_persons(text: str) -> list[Person]:
    return []
