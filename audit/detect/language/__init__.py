"""Language: an article not in the suite's languages (language.unexpected) and foreign
passages inside one (language.mixed)."""
