"""What the assistant tells people, in their words: dates relative to their clock, repeating
rules as sentences, task titles quoted and safe to show, and what each tool did."""
