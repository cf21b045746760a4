"""CloudFormation to canonical resources (AWS types, and OS:: types of Heat CFN templates)."""
