"""The public contract of `erpath screen` (CONTRACT.md): the facts document it reads
(`facts`), the determination it answers (`determination`) and their JSON schemas
(`schemas`)."""
