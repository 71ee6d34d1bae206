# Files drawn off the conversation (issue 16): the turn answers at once, the file follows.
drawing_charts = 🖼 Drawing the standings chart and workbook; they will be sent as soon as they are ready.
drawing_workbook = 📊 Making the grades workbook; it will be sent as soon as it is ready.
drawing_report = 📝 Drafting the report; it will be sent as soon as it is ready.
drawing_failed = The file you asked for could not be made. Please try again in a few minutes.
