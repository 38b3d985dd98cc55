"""The accounts' texts, Dutch first and English second."""

from __future__ import annotations

from explorer.texts import Texts

__all__ = ["TEXTS"]

TEXTS = Texts(
    {
        "sign_in": ("Inloggen", "Sign in"),
        "sign_out": ("Uitloggen", "Sign out"),
        "own_profile": ("Mijn profiel", "My profile"),
        "sign_out_everywhere": ("Overal uitloggen", "Sign out everywhere"),
        "signed_in_as": ("Ingelogd als {name}", "Signed in as {name}"),
        "why": (
            "Lezen kan zonder account. Met een account kun je straks je eigen gegevens "
            "aanvullen en vragen stellen.",
            "Reading needs no account. With one you will be able to add your own details "
            "and ask questions.",
        ),
        "address": ("E-mailadres", "E-mail address"),
        "send_link": ("Stuur mij een inloglink", "Send me a sign-in link"),
        "institution": ("Inloggen met je instelling", "Sign in with your institution"),
        "no_email": (
            "Inloggen met een e-maillink is op deze server niet ingesteld.",
            "Signing in with an e-mail link is not set up on this server.",
        ),
        "link_sent": (
            "Als dit een geldig adres is, staat er binnen enkele minuten een inloglink in "
            "je postvak. De link werkt één keer, 15 minuten lang.",
            "If this is a valid address, a sign-in link will be in your inbox within a few "
            "minutes. The link works once, for 15 minutes.",
        ),
        "not_an_address": (
            "Dit is geen e-mailadres. Controleer het en probeer het opnieuw.",
            "This is not an e-mail address. Please check it and try again.",
        ),
        "too_many": (
            "Te veel inlogverzoeken. Wacht een kwartier en probeer het dan opnieuw.",
            "Too many sign-in requests. Please wait a quarter of an hour and try again.",
        ),
        "mail_failed": (
            "De e-mail kon nu niet worden verstuurd. Probeer het later opnieuw.",
            "The e-mail could not be sent just now. Please try again later.",
        ),
        "confirm": ("Inloggen als {email}?", "Sign in as {email}?"),
        "forged": (
            "Deze inloglink is niet geldig. Vraag een nieuwe aan.",
            "This sign-in link is not valid. Please ask for a new one.",
        ),
        "used": (
            "Deze inloglink is al gebruikt; een link werkt één keer. Vraag een nieuwe aan.",
            "This sign-in link has already been used; a link works once. Please ask for a new one.",
        ),
        "expired": (
            "Deze inloglink is verlopen (een link werkt 15 minuten). Vraag een nieuwe aan.",
            "This sign-in link has expired (a link works for 15 minutes). Please ask for a "
            "new one.",
        ),
        "institution_failed": (
            "Inloggen via je instelling is niet gelukt. Probeer het opnieuw.",
            "Signing in through your institution did not work. Please try again.",
        ),
        "csrf": (
            "Dit verzoek is geweigerd: het beveiligingstoken (CSRF) ontbreekt of klopt niet. "
            "Laad de pagina opnieuw en probeer het nog eens.",
            "This request was refused: its security token (CSRF) is missing or wrong. "
            "Please reload the page and try again.",
        ),
        "back": ("Terug naar Verbindplaats", "Back to Verbindplaats"),
        "mail_subject": ("Je inloglink voor Verbindplaats", "Your sign-in link for Verbindplaats"),
        "mail_body": (
            "Hallo,\n\nMet deze link log je in bij Verbindplaats:\n\n{url}\n\n"
            "De link werkt één keer, 15 minuten lang. Heb je hem niet aangevraagd? "
            "Dan kun je deze e-mail negeren.\n",
            "Hello,\n\nThis link signs you in to Verbindplaats:\n\n{url}\n\n"
            "The link works once, for 15 minutes. Did you not ask for it? Then you can "
            "ignore this e-mail.\n",
        ),
    }
)
