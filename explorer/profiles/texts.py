"""The profiles' texts, Dutch first and English second."""

from __future__ import annotations

from explorer.texts import Texts

__all__ = ["TEXTS"]

TEXTS = Texts(
    {
        "title": ("Zet jezelf op de kaart", "Put yourself on the map"),
        "intro": (
            "Vertel waar je aan werkt, zodat collega's je kunnen vinden. Een curator "
            "bekijkt je profiel voordat het zichtbaar wordt.",
            "Say what you work on, so that colleagues can find you. A curator reviews "
            "your profile before it is shown.",
        ),
        "sign_in_first": (
            "Log eerst in om je profiel in te vullen.",
            "Please sign in first to fill in your profile.",
        ),
        "name": ("Naam", "Name"),
        "job_title": ("Functie of rol", "Role"),
        "organisation": ("Organisatie", "Organisation"),
        "organisation_confirmed": (
            "Bevestigd door de login van je instelling.",
            "Confirmed by your institution's login.",
        ),
        "none": ("(geen)", "(none)"),
        "topics": ("Onderwerpen waar je aan werkt", "Topics you work on"),
        "topics_help": (
            "Kies er een of meer (Ctrl of Cmd ingedrukt voor meer dan één).",
            "Pick one or more (hold Ctrl or Cmd for more than one).",
        ),
        "proposed_topic": (
            "Staat je onderwerp er niet bij? Stel een nieuw onderwerp voor",
            "Is your topic missing? Propose a new one",
        ),
        "region": ("Gemeente of regio waar je werkt", "Gemeente or region where you work"),
        "sectors": ("Sectoren", "Sectors"),
        "groups": (
            "Netwerken, partnerschappen, lectoraten en projecten waar je bij hoort",
            "Networks, partnerships, lectoraten and projects you belong to",
        ),
        "website": ("Openbare webpagina", "Public web page"),
        "consent": ("Wat je toestaat", "What you allow"),
        "listed": (
            "Toon mij openbaar: mijn naam, rol, organisatie en onderwerpen staan in "
            "Verbindplaats en iedereen kan ze zien. Zonder dit vinkje komt niets van mijn "
            "profiel in de openbare gegevens.",
            "List me publicly: my name, role, organisation and topics are in Verbindplaats "
            "and anyone can see them. Without this box nothing of my profile becomes "
            "public.",
        ),
        "reachable": (
            "Bereikbaar via het platform: anderen kunnen mij een bericht sturen via "
            "Verbindplaats, zonder dat zij mijn e-mailadres zien.",
            "Reachable through the platform: others can send me a message through "
            "Verbindplaats without seeing my e-mail address.",
        ),
        "email_shown": (
            "Toon mijn e-mailadres openbaar bij mijn naam.",
            "Show my e-mail address publicly with my name.",
        ),
        "submit": ("Opslaan en laten controleren", "Save and send for review"),
        "saved": (
            "Je profiel is opgeslagen en wacht op een curator.",
            "Your profile is saved and waits for a curator.",
        ),
        "status": ("Stand van je profiel: {status}", "Your profile's state: {status}"),
        "status_draft": ("nog niet ingediend", "not yet sent"),
        "status_pending": ("wacht op een curator", "waiting for a curator"),
        "status_approved": ("goedgekeurd", "approved"),
        "status_rejected": ("afgewezen", "rejected"),
        "rejected_because": (
            "Een curator wees je profiel af: {reason}",
            "A curator rejected your profile: {reason}",
        ),
        "form_refused": (
            "Er is niets opgeslagen. Verbeter wat hieronder is aangegeven.",
            "Nothing was saved. Please correct what is marked below.",
        ),
        "too_long": ("Te lang: hoogstens {limit} tekens.", "Too long: at most {limit} characters."),
        "bad_characters": (
            "Bevat tekens die niet in een naam of tekst horen.",
            "Holds characters that do not belong in a name or text.",
        ),
        "claim": (
            "Sta je al in Verbindplaats uit een openbare bron? Dit ben ik",
            "Are you in Verbindplaats already, from a public source? This is me",
        ),
        "claim_help": (
            "Dan beschrijft je profiel die vermelding. Komt de login van je instelling overeen "
            "met waar die persoon werkt, dan is dat meteen bevestigd; anders kijkt een "
            "curator het na.",
            "Your profile then describes that entry. When your institution's login matches "
            "where that person works, this is confirmed at once; otherwise a curator checks it.",
        ),
        "claim_taken": (
            "Iemand anders heeft deze vermelding al geclaimd. Klopt dat niet, maak dan "
            "bezwaar via /bezwaar.",
            "Someone else has claimed this entry already. If that is wrong, object through "
            "/bezwaar.",
        ),
        "claim_confirmed": (
            "{name}: bevestigd door de login van de instelling",
            "{name}: confirmed by the institution's login",
        ),
        "claim_to_check": (
            "{name}: te controleren (naast wat de graaf nu over deze persoon zegt)",
            "{name}: to be checked (beside what the graph says of this person now)",
        ),
        "topic_without_letters": (
            "Een onderwerp heeft minstens één letter of cijfer nodig.",
            "A topic needs at least one letter or digit.",
        ),
        "proposed_topic_note": (
            "{topic} (wordt bij goedkeuring een nieuw onderwerp, of het bestaande met die naam)",
            "{topic} (becomes a new topic on approval, or the existing one of that name)",
        ),
        "required": ("Vul dit in.", "Please fill this in."),
        "unknown_choice": (
            "Deze keuze bestaat niet (meer); kies uit de lijst.",
            "This choice does not exist (any more); please pick from the list.",
        ),
        "too_many_picked": ("Kies er hoogstens {limit}.", "Pick at most {limit}."),
        "not_a_web_address": (
            "Alleen een webadres dat begint met http:// of https:// kan getoond worden.",
            "Only a web address starting with http:// or https:// can be shown.",
        ),
        "queue": ("Te beoordelen profielen", "Profiles to review"),
        "queue_empty": ("Er wacht niets op een beoordeling.", "Nothing waits for review."),
        "curators_only": (
            "Alleen curatoren kunnen profielen beoordelen.",
            "Only curators can review profiles.",
        ),
        "proposed": ("Voorgesteld", "Proposed"),
        "in_graph": ("Nu in Verbindplaats", "Now in Verbindplaats"),
        "not_in_graph": ("(nog niets)", "(nothing yet)"),
        "approve": ("Goedkeuren", "Approve"),
        "reject": ("Afwijzen", "Reject"),
        "reason": ("Reden (de persoon ziet die)", "Reason (the person sees it)"),
        "reason_needed": (
            "Geef een reden op bij een afwijzing (hoogstens 1000 tekens).",
            "Give a reason with a rejection (at most 1000 characters).",
        ),
        "no_such_profile": (
            "Dit profiel wacht niet (meer) op een beoordeling.",
            "This profile is not (or no longer) waiting for review.",
        ),
        "approved": ("Goedgekeurd en opgenomen in de graaf.", "Approved and written to the graph."),
        "approved_unlisted": (
            "Goedgekeurd; de persoon wil niet openbaar getoond worden, dus de graaf blijft "
            "ongewijzigd.",
            "Approved; the person does not want to be listed, so the graph is unchanged.",
        ),
        "write_failed": (
            "Niets geschreven: {error}",
            "Nothing written: {error}",
        ),
        "rejected": (
            "Afgewezen; de persoon ziet de reden.",
            "Rejected; the person sees the reason.",
        ),
        "yes": ("ja", "yes"),
        "no": ("nee", "no"),
        "download": (
            "Download alles wat wij over jou bewaren (JSON)",
            "Download all we hold on you (JSON)",
        ),
        "delete": ("Verwijder mijn account en profiel", "Delete my account and profile"),
        "delete_warning": (
            "Dit verwijdert je account en je profiel uit Verbindplaats, en wat je profiel "
            "in de openbare gegevens zette. Dit kan niet ongedaan worden gemaakt.",
            "This deletes your account and profile from Verbindplaats, and what your "
            "profile put in the public data. It cannot be undone.",
        ),
        "deleted": (
            "Je account en profiel zijn verwijderd.",
            "Your account and profile have been deleted.",
        ),
        "object_title": ("Bezwaar / verwijder mij", "Objection / remove me"),
        "object_intro": (
            "Sta je in Verbindplaats omdat een openbare bron je noemt, en wil je dat niet? "
            "Vraag hier om verwijdering, of om alleen te tonen wat die bron over je zegt. "
            "Een curator beslist en laat het je per e-mail weten. Je bericht komt nergens "
            "anders terecht.",
            "Are you in Verbindplaats because a public source names you, and do you not "
            "want that? Ask here to be removed, or to be shown only as that source states. "
            "A curator decides and tells you by e-mail. Your message goes nowhere else.",
        ),
        "object_person": ("Wie ben je in Verbindplaats?", "Who are you in Verbindplaats?"),
        "object_name": ("Je naam", "Your name"),
        "object_email": (
            "Je e-mailadres (alleen om je het besluit te laten weten)",
            "Your e-mail address (only to tell you the decision)",
        ),
        "object_wish": ("Wat wil je?", "What do you want?"),
        "wish_remove": (
            "Verwijder mij helemaal: mijn naam en alles over mij verdwijnen uit "
            "Verbindplaats, ook uit de geschiedenis en de downloads.",
            "Remove me entirely: my name and everything about me leave Verbindplaats, "
            "its history and its downloads included.",
        ),
        "wish_reduce": (
            "Toon alleen wat de openbare bron over mij zegt, niets meer.",
            "Show only what the public source says about me, nothing more.",
        ),
        "object_message": ("Toelichting (mag leeg blijven)", "Explanation (may stay empty)"),
        "object_submit": ("Bezwaar indienen", "Send objection"),
        "object_received": (
            "Je bezwaar is ontvangen. Een curator beslist en laat het je per e-mail weten.",
            "Your objection has been received. A curator decides and tells you by e-mail.",
        ),
        "object_too_many": (
            "Te veel bezwaren vanaf dit adres. Probeer het over een uur opnieuw.",
            "Too many objections from this address. Please try again in an hour.",
        ),
        "not_an_address": (
            "Dit is geen e-mailadres. Controleer het en probeer het opnieuw.",
            "This is not an e-mail address. Please check it and try again.",
        ),
        "objection": ("Bezwaar", "Objection"),
        "objection_by": ("Ingediend door", "Sent by"),
        "honour": ("Bezwaar honoreren", "Honour the objection"),
        "no_such_objection": (
            "Dit bezwaar wacht niet (meer) op een besluit.",
            "This objection is not (or no longer) waiting for a decision.",
        ),
        "objection_decided": (
            "Besloten; de indiener krijgt het besluit per e-mail.",
            "Decided; the objector is told by e-mail.",
        ),
        "objection_mail_subject": (
            "Je bezwaar bij Verbindplaats",
            "Your objection to Verbindplaats",
        ),
        "objection_mail_honoured": (
            "Hallo,\n\nJe bezwaar is gehonoreerd. Gevraagd: {wish}\nDat is gedaan.\n\n{reason}\n",
            "Hello,\n\nYour objection has been honoured. You asked: {wish}\nThat is "
            "done.\n\n{reason}\n",
        ),
        "objection_mail_rejected": (
            "Hallo,\n\nJe bezwaar is niet gehonoreerd. De reden: {reason}\n",
            "Hello,\n\nYour objection has not been honoured. The reason: {reason}\n",
        ),
        "contact": ("Neem contact op", "Get in touch"),
        "contact_title": ("Neem contact op met {name}", "Get in touch with {name}"),
        "contact_unknown": (
            "Deze persoon is niet via het platform bereikbaar.",
            "This person cannot be reached through the platform.",
        ),
        "contact_sign_in": (
            "Log eerst in om een bericht te sturen; zo weet de ontvanger van wie het komt.",
            "Please sign in first to send a message, so that its recipient knows who writes.",
        ),
        "contact_message": ("Je bericht (kort)", "Your message (short)"),
        "contact_privacy": (
            "Verbindplaats stuurt je bericht door met je naam, zonder je e-mailadres. "
            "Antwoordt de ontvanger, dan krijg je dat antwoord met hun adres.",
            "Verbindplaats passes your message on with your name, without your e-mail "
            "address. If its recipient answers, you get that answer with their address.",
        ),
        "contact_send": ("Versturen", "Send"),
        "someone": ("Iemand zonder profiel", "Someone without a profile"),
        "contact_sent": ("Je bericht is verstuurd.", "Your message has been sent."),
        "contact_failed": (
            "Het bericht kon nu niet worden verstuurd. Probeer het later opnieuw.",
            "The message could not be sent just now. Please try again later.",
        ),
        "contact_too_many": (
            "Je hebt vandaag al vijf berichten gestuurd. Probeer het morgen opnieuw.",
            "You have sent five messages today already. Please try again tomorrow.",
        ),
        "contact_subject": (
            "Een bericht via Verbindplaats",
            "A message through Verbindplaats",
        ),
        "contact_mail": (
            "Hallo,\n\n{name} wil via Verbindplaats contact met je:\n\n{message}\n\n"
            "Antwoorden kan via deze link (30 dagen geldig); {name} krijgt dan je antwoord "
            "en je e-mailadres. Je adres is niet gedeeld zolang je niet antwoordt.\n\n{link}\n",
            "Hello,\n\n{name} would like to get in touch through Verbindplaats:\n\n"
            "{message}\n\nYou can answer through this link (valid for 30 days); {name} "
            "then gets your answer and your e-mail address. Your address is not shared "
            "unless you answer.\n\n{link}\n",
        ),
        "reply_title": ("Antwoord via Verbindplaats", "Answer through Verbindplaats"),
        "contact_link_refused": (
            "Deze antwoordlink is niet (meer) geldig.",
            "This answer link is not (or no longer) valid.",
        ),
        "reply_subject": ("Antwoord van {name}", "An answer from {name}"),
        "reply_mail": (
            "Hallo,\n\n{name} antwoordt via Verbindplaats:\n\n{message}\n\n"
            "Je kunt {name} voortaan direct schrijven: {email}\n",
            "Hello,\n\n{name} answers through Verbindplaats:\n\n{message}\n\n"
            "From now on you can write to {name} directly: {email}\n",
        ),
        "still_right_title": ("Klopt je profiel nog?", "Is your profile still right?"),
        "still_right": ("Ja, dit klopt nog", "Yes, this is still right"),
        "confirmed_thanks": (
            "Dank je: je profiel is bevestigd tot volgend jaar.",
            "Thank you: your profile is confirmed until next year.",
        ),
        "still_right_refused": (
            "Deze link is niet (meer) geldig. Kijk je profiel na op Verbindplaats onder /profiel.",
            "This link is not (or no longer) valid. Please review your profile on "
            "Verbindplaats at /profiel.",
        ),
        "remind_subject": (
            "Klopt je profiel op Verbindplaats nog? / Is your profile still right?",
            "Is your Verbindplaats profile still right?",
        ),
        "remind_mail": (
            "Hallo,\n\nJe profiel op Verbindplaats is een jaar geleden bevestigd. Klopt "
            "het nog? Eén klik op de knop achter deze link is genoeg (30 dagen geldig):\n\n"
            "{url}\n\nKlopt er iets niet meer, pas je profiel dan aan na het inloggen. "
            "Zonder bevestiging telt wat je profiel zegt langzaam minder mee.\n\n"
            "Hello,\n\nYour Verbindplaats profile was confirmed a year ago. Is it still "
            "right? One click on the button behind this link is enough (valid for 30 "
            "days):\n\n{url}\n",
            "Hello,\n\nYour Verbindplaats profile was confirmed a year ago. Is it still "
            "right? One click on the button behind this link is enough (valid for 30 "
            "days):\n\n{url}\n",
        ),
    }
)
