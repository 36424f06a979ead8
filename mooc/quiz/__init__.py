"""The quiz engine: one small module per question type behind one registry."""
