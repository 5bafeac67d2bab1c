"""The content stage: YAML files read with positions (load), typed (model), checked within a file
(validate) and across files (rules), described for editors (schema), and scaffolded (scaffold).

`hub.load_hub` runs the whole stage and returns the model every renderer reads.
"""
