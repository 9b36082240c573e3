"""Django-free text analysis of participants' free-text entries (word-cloud counting)."""
