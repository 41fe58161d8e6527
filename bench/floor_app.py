"""The floor: a minimal one-command Typer app on the same interpreter and the same typer."""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(name: str = "world") -> None:
    print(name)


if __name__ == "__main__":
    app()
