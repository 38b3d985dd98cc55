"""The forum's texts, Dutch first and English second."""

from __future__ import annotations

from explorer.texts import Texts

__all__ = ["TEXTS"]

TEXTS = Texts(
    {
        "title": ("Vraag het het veld", "Ask the field"),
        "intro": (
            "Stel je vraag aan collega's in de lerarenopleiding. Wie aan je onderwerp werkt "
            "en dat wil, krijgt je vraag te zien.",
            "Ask colleagues in teacher education. People who work on your topic, and "
            "want to, are shown your question.",
        ),
        "ask": ("Stel een vraag", "Ask a question"),
        "sign_in_first": ("Log eerst in om dit te doen.", "Please sign in first to do this."),
        "question_title": ("Je vraag in één zin", "Your question in one sentence"),
        "question_body": (
            "Toelichting (Markdown mag: **vet**, *schuin*, [link](https://...))",
            "Details (Markdown is fine: **bold**, *italic*, [link](https://...))",
        ),
        "preview": ("Bekijk onderwerpen en mensen", "See topics and people"),
        "post": ("Plaats de vraag", "Post the question"),
        "chips": ("Waar gaat je vraag over?", "What is your question about?"),
        "chips_help": (
            "Zo hebben we je vraag begrepen. Vink uit wat niet klopt, of kies meer.",
            "This is how we understood your question. Untick what is wrong, or add more.",
        ),
        "topics": ("Onderwerpen", "Topics"),
        "add_topic": ("Nog een onderwerp", "Another topic"),
        "region": ("Regio", "Region"),
        "sector": ("Sector", "Sector"),
        "none": ("(geen)", "(none)"),
        "any": ("(alle)", "(all)"),
        "who_works_on_it": (
            "Wie hier al aan werkt: misschien is bellen sneller",
            "Who already works on this: a call may be quicker",
        ),
        "no_topics_yet": (
            "Kies een onderwerp om te zien wie eraan werkt.",
            "Choose a topic to see who works on it.",
        ),
        "family_people": ("Mensen", "People"),
        "family_groups": ("Groepen", "Groups"),
        "family_organisations": ("Organisaties", "Organisations"),
        "title_needed": (
            "Schrijf je vraag in één zin (hooguit {n} tekens).",
            "Write your question in one sentence (at most {n} characters).",
        ),
        "body_too_long": (
            "De tekst is te lang: hooguit {n} tekens.",
            "The text is too long: at most {n} characters.",
        ),
        "answer_needed": (
            "Schrijf een antwoord (hooguit {n} tekens).",
            "Write an answer (at most {n} characters).",
        ),
        "topic_needed": ("Kies minstens één onderwerp.", "Choose at least one topic."),
        "unknown_choice": (
            "Die keuze kennen we niet; kies uit de lijst.",
            "We do not know that choice; please pick from the list.",
        ),
        "too_many": (
            "Je hebt de laatste tijd veel geplaatst; probeer het later nog eens.",
            "You have posted a lot lately; please try again later.",
        ),
        "posted": ("Je vraag staat erop.", "Your question is posted."),
        "notified": (
            "{n} mensen die aan dit onderwerp werken, horen ervan.",
            "{n} people who work on this topic will hear of it.",
        ),
        "asked_by": ("Gevraagd door {name} op {day}", "Asked by {name} on {day}"),
        "answered_by": ("{name} op {day}", "{name} on {day}"),
        "deleted_account": ("verwijderd account", "deleted account"),
        "answers": ("Antwoorden", "Answers"),
        "no_answers": ("Nog geen antwoorden.", "No answers yet."),
        "your_answer": ("Jouw antwoord", "Your answer"),
        "link_to": (
            "Verwijs naar iets uit het netwerk: een bron, bijeenkomst, netwerk of groep "
            "(niet verplicht)",
            "Point to something in the network: a resource, event, network or group (optional)",
        ),
        "see_in_network": ("Zie in het netwerk", "See in the network"),
        "unknown_link": (
            "Dat staat niet in het netwerk; kies uit de lijst. Er is niets bewaard.",
            "That is not in the network; pick from the list. Nothing was kept.",
        ),
        "attach": (
            "Bijlage (PDF, DOCX, PPTX of XLSX, hooguit 10 MB)",
            "Attachment (PDF, DOCX, PPTX or XLSX, at most 10 MB)",
        ),
        "send_answer": ("Plaats je antwoord", "Post your answer"),
        "answer_posted": ("Je antwoord staat erop.", "Your answer is posted."),
        "helped": ("Dit hielp", "This helped"),
        "helped_mark": ("Dit hielp de vrager", "This helped the asker"),
        "not_helped": ("Toch niet", "Not after all"),
        "report": ("Meld dit bericht", "Report this post"),
        "report_reason": ("Wat is er mis mee?", "What is wrong with it?"),
        "reported": (
            "Dank je; een curator kijkt ernaar.",
            "Thank you; a curator will look at it.",
        ),
        "reason_needed": ("Geef een reden.", "Please give a reason."),
        "hide": ("Verberg (curator)", "Hide (curator)"),
        "hide_reason": ("Reden, die iedereen ziet", "Reason, shown to everyone"),
        "hidden": ("Verborgen door een curator: {reason}", "Hidden by a curator: {reason}"),
        "hidden_title": ("Verborgen vraag", "Hidden question"),
        "hidden_done": ("Het bericht is verborgen.", "The post is hidden."),
        "curators_only": ("Alleen voor curatoren.", "Curators only."),
        "reports": ("Gemelde berichten", "Reported posts"),
        "no_reports": ("Niets gemeld.", "Nothing reported."),
        "no_such_question": ("Die vraag bestaat niet.", "There is no such question."),
        "no_such_post": ("Dat bericht bestaat niet.", "There is no such post."),
        "not_yours": (
            "Alleen wie de vraag stelde, kan dit doen.",
            "Only the person who asked can do this.",
        ),
        "attachment_too_big": (
            "De bijlage is groter dan 10 MB.",
            "The attachment is larger than 10 MB.",
        ),
        "attachment_empty": ("De bijlage is leeg.", "The attachment is empty."),
        "attachment_type": (
            "Alleen PDF, DOCX, PPTX of XLSX kan als bijlage.",
            "Only PDF, DOCX, PPTX or XLSX can be attached.",
        ),
        "attachment_not_what_it_says": (
            "De inhoud van de bijlage is niet wat de naam zegt (of bevat macro's); niet geplaatst.",
            "The attachment's content is not what its name says (or holds macros); not posted.",
        ),
        "find": ("Zoeken in vragen", "Search the questions"),
        "search": ("Zoek", "Search"),
        "words": ("Woorden", "Words"),
        "topic": ("Onderwerp", "Topic"),
        "nothing_found": ("Geen vragen gevonden.", "No questions found."),
        "answer_count": ("{n} antwoord(en)", "{n} answer(s)"),
        "panel_title": ("Vragen in het forum", "Questions in the forum"),
        "alerts": ("Meldingen van vragen", "Question alerts"),
        "alerts_intro": (
            "Wil je horen van vragen over je onderwerpen? Dat gaat over de onderwerpen (en "
            "de regio) van je goedgekeurde profiel.",
            "Do you want to hear of questions on your topics? This follows the topics (and "
            "region) of your approved profile.",
        ),
        "alerts_choice": ("Vragen over mijn onderwerpen", "Questions on my topics"),
        "alerts_off": ("Nee, geen meldingen", "No, no alerts"),
        "alerts_at_once": ("Ja, meteen per e-mail", "Yes, by e-mail at once"),
        "alerts_weekly": ("Ja, eens per week een overzicht", "Yes, a weekly digest"),
        "alerts_save": ("Bewaar", "Save"),
        "alerts_saved": ("Bewaard.", "Saved."),
        "alerts_no_profile": (
            "Je hebt nog geen goedgekeurd profiel: meldingen gaan pas zodra dat er is.",
            "You have no approved profile yet: alerts start once you do.",
        ),
        "unsubscribe": ("Afmelden", "Unsubscribe"),
        "unsubscribe_ask": (
            "Geen e-mail meer over vragen op je onderwerpen?",
            "No more e-mail about questions on your topics?",
        ),
        "unsubscribed": (
            "Je bent afgemeld; je krijgt geen e-mail meer over vragen.",
            "You are unsubscribed; you will get no more e-mail about questions.",
        ),
        "unsubscribe_refused": (
            "Deze afmeldlink klopt niet (meer). Afmelden kan ook na inloggen, op /forum/meldingen.",
            "This unsubscribe link is not valid. You can also unsubscribe after signing "
            "in, at /forum/meldingen.",
        ),
        "mail_subject": (
            "Een vraag over je onderwerp: {title}",
            "A question on your topic: {title}",
        ),
        "mail_body": (
            "Hallo,\n\nIemand op Verbindplaats stelt een vraag over een onderwerp waar jij "
            "aan werkt:\n\n{title}\n{url}\n\nAntwoorden kan na het inloggen.\n\nGeen "
            "e-mail meer hierover? Eén klik: {unsubscribe}\n",
            "Hello,\n\nSomeone on Verbindplaats asks a question on a topic you work on:"
            "\n\n{title}\n{url}\n\nYou can answer after signing in.\n\nNo more e-mail "
            "about this? One click: {unsubscribe}\n",
        ),
        "digest_subject": (
            "Vragen over je onderwerpen deze week ({n})",
            "Questions on your topics this week ({n})",
        ),
        "digest_body": (
            "Hallo,\n\nDeze vragen op Verbindplaats gaan over onderwerpen waar jij aan "
            "werkt:\n\n{questions}\n\nGeen e-mail meer hierover? Eén klik: {unsubscribe}\n",
            "Hello,\n\nThese questions on Verbindplaats are on topics you work on:\n\n"
            "{questions}\n\nNo more e-mail about this? One click: {unsubscribe}\n",
        ),
    }
)
