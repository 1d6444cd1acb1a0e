"""Draft authoring YAML from a news article (`kg draft`): every drafted item marked as a draft,
tied to the character spans of the article it came from, with a confidence. Needs the `draft` extra."""
