"""The objects of requests the app does not serve: bookings, devices, accounts, money, media,
messages and facts. They fill templates that use the app's own verbs ("move", "rename",
"cancel", "add", "delete") on things that are not tasks, so the model learns the object
matters, not the verb.
"""

from __future__ import annotations

from collections.abc import Mapping

from taskmate.assistant.understanding.command_slots import DAY, Slot, one_of, shaped

PERSON = one_of("tim | sarah | mom | dad | jake | anna | my boss | dr patel | grandma | lucy")
CITY = one_of("paris | tokyo | berlin | new york | lisbon | rome | chicago | madrid | sydney")
RESTAURANT = one_of("nobu | luigi's | the ivy | olive garden | dishoom | the thai place")
BOOKING = shaped(
    "flight to {city} | hotel in {city} | reservation at {restaurant} | train to {city}",
    "table at {restaurant} | rental car | villa in {city} | hotel room in {city}",
    city=CITY,
    restaurant=RESTAURANT,
)
SUBSCRIPTION = one_of("netflix | spotify | amazon prime | disney plus | hulu | the gym | icloud")
ACCOUNT = one_of("facebook | instagram | twitter | tiktok | linkedin | snapchat | paypal | uber")
DEVICE = one_of(
    "wifi network | bluetooth speaker | phone | laptop | router | smart speaker | chromecast",
    "airpods | smart tv | hotspot",
)
SETTING = shaped(
    "audio settings to {audio} | voice to {voice} | language to {language}",
    "ringtone to {song} | screen brightness to 50% | wallpaper to the beach photo",
    "font size to large | keyboard to dvorak | default browser to firefox | units to metric",
    audio=one_of("whisper | stereo | surround | mono | loud"),
    voice=one_of("male | female | british | australian"),
    language=one_of("spanish | french | german | japanese | italian"),
    song=one_of("despacito | bohemian rhapsody | the marimba one | something calm"),
)
HOME_DEVICE = one_of(
    "lights | kitchen lights | living room lamp | tv | heating | ceiling fan | porch light",
    "air conditioner | dishwasher | coffee machine | radio | sprinklers | hallway lights",
)
THERMOSTAT = one_of("thermostat | heating | ac | oven | fridge | water heater")
MUSIC = one_of(
    "some jazz | taylor swift | my workout playlist | lofi beats | the beatles | rock music",
    "something relaxing | the latest drake album | classical music | radio 1 | a podcast",
)
PLAYLIST = one_of("workout | road trip | chill | party | running | study | liked songs")
SONG = one_of("this song | hey jude | shake it off | bad guy | levitating | this track")
MONEY = one_of("$100 | $50 | 20 quid | £200 | €30 | 500 dollars | $1,000 | $15")
BANK_ACCOUNT = one_of("savings | current account | joint account | isa | credit card")
CARD = one_of("starbucks card | oyster card | transit card | gift card | steam wallet")
FOOD = one_of(
    "a pizza | sushi | a large pepperoni | chinese food | a burrito | thai takeaway",
    "a coffee | indian food | burgers | fish and chips",
)
HOWTO = one_of(
    "change my car's oil | fix a flat tyre | reset my router | unclog a sink | tie a tie",
    "boil an egg | clean an oven | change a lightbulb | bleed a radiator | jump start a car",
    "make sourdough | screenshot on a mac | set up a vpn | get rid of ants | iron a shirt",
)
PHRASE = one_of(
    "hello there | thank you | where is the station | good morning | how much is this",
    "i'm allergic to nuts | see you tomorrow | happy birthday",
)
LANGUAGE = one_of("french | spanish | german | italian | japanese | korean | portuguese")
WEATHER_WHEN = shaped(
    "tomorrow | this weekend | on {day} | tonight | next week | in {city} | this afternoon",
    day=DAY,
    city=CITY,
)
FACT = one_of(
    "the capital of france | the tallest building in the world | the speed of light",
    "the population of canada | the longest river | the boiling point of water",
    "the distance to the moon | the biggest planet | the square root of 169",
)
MEDIA = one_of(
    "the last photo | that voicemail | my browsing history | the last video i took",
    "all my screenshots | the downloads folder | my search history | that photo",
)
EMAIL = one_of("this email | the email from sarah | the newsletter | all unread emails")
MAIL_FOLDER = one_of("spam | the archive | promotions | the work folder | trash")

OUTSIDE_SLOTS: Mapping[str, Slot] = {
    "person": PERSON,
    "person2": PERSON,
    "city": CITY,
    "city2": CITY,
    "restaurant": RESTAURANT,
    "booking": BOOKING,
    "subscription": SUBSCRIPTION,
    "account": ACCOUNT,
    "device": DEVICE,
    "setting": SETTING,
    "home_device": HOME_DEVICE,
    "thermostat": THERMOSTAT,
    "music": MUSIC,
    "playlist": PLAYLIST,
    "song": SONG,
    "money": MONEY,
    "bank_account": BANK_ACCOUNT,
    "card": CARD,
    "food": FOOD,
    "howto": HOWTO,
    "phrase": PHRASE,
    "language": LANGUAGE,
    "weather_when": WEATHER_WHEN,
    "fact": FACT,
    "media": MEDIA,
    "email": EMAIL,
    "mail_folder": MAIL_FOLDER,
    "day": DAY,
    "device_name": one_of("home | sam's phone | living room | office | the bat cave | guest"),
    "temperature": one_of("70 | 68 degrees | 21 | 19 degrees | 72 | 180 | 200 degrees"),
}
