"""ICE enforcement data: the FY2019 FOIA removals and administrative-arrests files.

`read` reads a raw ICE table (title lines, pipe delimiter, redaction marks) with every line
accounted for; `dispositions` labels Processing Disposition values and says which are expedited
removal; `report` counts removals and arrests by disposition; `cli` prints it
(`erpath ice report`). The bundled files and their provenance are in `data/`.
"""
