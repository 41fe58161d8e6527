"""The second floor: the one-command Typer app that also imports Rich and prints a 30-row table
(what any Rich-drawn command pays before it draws its own output), on the same interpreter."""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(rows: int = 30) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Floor")
    for name in ("id", "label", "value", "unit"):
        table.add_column(name)
    for n in range(rows):
        table.add_row(f"row_{n}", f"A label for row {n}", f"{n * 1.5:,}", "t")
    Console().print(table)


if __name__ == "__main__":
    app()
