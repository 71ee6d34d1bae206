## The web chat page's own texts (bot/web/page_texts.py serves them to chat.js)

page_title = antt-bot — Chat
page_subtitle = Grassroots security
page_conversation = Conversation
page_message = Message
page_placeholder = Type a message… (/help)
page_send = Send
page_photo = Send a photo
page_locate = 📍 Send my location
page_no_location = This page is not served over HTTPS, so the browser cannot share your location. Type the address or describe the place (village, street, house number…).
page_welcome =
    Hello! This is the chat of the grassroots security force.
    To begin, type your 8-character invite code (or /start), or /help for help.
page_busy = The server is busy, trying again…
page_offline = Connection lost, trying again…
page_failed = Not sent. Check the connection and send again.
page_error = Error { $status }. Not sent.
page_too_long = The message is { $length } characters long; the limit is { $limit }. Please shorten it.
page_no_geolocation = This browser cannot locate you; type the address.
page_locating = Finding your location…
page_location_failed = Could not get your location; type the address.
