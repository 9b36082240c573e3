"""The portfolio mapping ("Mappa er projektportfölj") on the workshop engine: its reads
(`selectors`), writes (`services`), forms, pages (`views`) and workshop template
(`template`). Its models are the app's (`workshops.models`); its step formats are registered in
`workshops/formats.py`."""
