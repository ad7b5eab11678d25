import type { Language } from '../content/schema';

/**
 * Every text the bot says, in German and English. The English catalogue is typed as the German
 * one, so a text missing in one language does not compile.
 */
const de = {
  welcome: () =>
    'Hallo, ich bin die Anlaufstelle – Ihr erster Kontakt für Fragen an IT, Personal, Facility Management und Finanzen. ' +
    'Schreiben Sie einfach, worum es geht, zum Beispiel „Ich habe mein Passwort vergessen“ oder „Wie reiche ich Reisekosten ein?“.',
  greeting: () => 'Hallo! Womit kann ich Ihnen helfen? Schreiben Sie Ihre Frage einfach in eigenen Worten.',
  help: (p: { departments: string }) =>
    'Ich beantworte Fragen rund um Ihren Arbeitsalltag, rund um die Uhr:\n' +
    `${p.departments}\n\n` +
    'Außerdem kann ich eine IT-Störung für Sie aufnehmen („Störung melden“), Ihre Anfrage an die richtige Abteilung weiterleiten ' +
    'und Ihnen den Stand Ihrer Anfragen zeigen („Status meiner Anfrage“). Mit „abbrechen“ beenden Sie jederzeit den aktuellen Schritt.',
  helpDepartment: (p: { name: string; description: string }) => `• ${p.name}: ${p.description}`,
  helpInDialog: () => 'Sie sind gerade mitten in einem Vorgang. Beantworten Sie einfach die letzte Frage – oder schreiben Sie „abbrechen“, um ihn zu beenden.',
  thanks: () => 'Gern geschehen! Melden Sie sich jederzeit wieder.',
  goodbye: () => 'Auf Wiedersehen und einen schönen Tag!',
  cancelled: () => 'In Ordnung, ich habe abgebrochen. Womit kann ich sonst helfen?',
  nothingToCancel: () => 'Es läuft gerade nichts, das ich abbrechen könnte. Womit kann ich helfen?',
  answerLinks: () => 'Mehr dazu:',
  disambiguate: () => 'Ich bin nicht ganz sicher, was Sie meinen. Geht es um eines davon?',
  noneOfThese: () => 'Nichts davon',
  intentTitles: (): Record<string, string> => ({
    human: 'Mit einer Person sprechen',
    it_problem_report: 'IT-Störung melden',
    request_status: 'Stand meiner Anfragen',
    help: 'Was kann die Anlaufstelle?',
    hr_confidential: 'Vertrauliches Gespräch mit der Personalabteilung',
    start_onboarding: 'Onboarding einer neuen Kollegin / eines neuen Kollegen beauftragen',
    start_offboarding: 'Offboarding beauftragen',
    start_desk_move: 'Arbeitsplatzumzug beauftragen',
    greeting: 'Begrüßung',
    thanks: 'Danke',
    goodbye: 'Verabschiedung',
    cancel: 'Abbrechen'
  }),
  clarifyGuess: (p: { question: string }) => `Meinen Sie: „${p.question}“?`,
  clarifyRephrase: () => 'Das habe ich noch nicht ganz verstanden. Können Sie Ihr Anliegen in einem Satz etwas genauer beschreiben?',
  outOfScopeDepartment: (p: { department: string }) =>
    `Dazu habe ich leider keine passende Antwort. Das klingt nach einem Thema für ${p.department}. Soll ich Ihre Anfrage an ${p.department} weiterleiten?`,
  outOfScopeUnknown: () =>
    'Dazu kann ich leider nichts sagen – ich helfe bei Fragen an IT, Personal, Facility Management und Finanzen. Soll ich Ihre Anfrage an eine dieser Abteilungen weiterleiten?',
  notHelpfulDepartment: (p: { department: string }) => `Das tut mir leid. Soll ich Ihre Frage an ${p.department} weiterleiten, damit sich jemand persönlich darum kümmert?`,
  notHelpfulUnknown: () => 'Das tut mir leid. Soll ich Ihre Frage an eine Abteilung weiterleiten, damit sich jemand persönlich darum kümmert?',
  feedbackQuestion: () => 'Hat das geholfen?',
  feedbackYes: () => 'Ja, danke',
  feedbackNo: () => 'Nein',
  feedbackThanks: () => 'Freut mich, dass ich helfen konnte!',
  humanRequested: () => 'Gern leite ich Sie an eine Kollegin oder einen Kollegen weiter.',
  humanConfirmDepartment: (p: { department: string }) => `Soll Ihre Anfrage an ${p.department} gehen?`,
  chooseDepartment: () => 'An welche Abteilung soll ich Ihre Anfrage weiterleiten?',
  forwarded: (p: { department: string; number: string }) =>
    `Ich habe Ihre Anfrage an ${p.department} weitergeleitet. Ihre Anfragenummer ist ${p.number}.`,
  queueOpen: (p: { position: number; minutes: number }) =>
    `Sie sind Nr. ${p.position} in der Warteschlange, die geschätzte Wartezeit beträgt etwa ${p.minutes} Minuten. Bis sich jemand meldet, gebe ich Ihre Nachrichten weiter; mit „abbrechen“ ziehen Sie die Anfrage zurück.`,
  queueClosed: (p: { department: string; opensAt: string }) =>
    `${p.department} ist gerade nicht besetzt und ab ${p.opensAt} wieder erreichbar. Ihre Anfrage bleibt in der Warteschlange; die Antwort erhalten Sie hier im Chat.`,
  dateTime: (p: { date: Date; timeZone: string }) =>
    `${new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: p.timeZone }).format(p.date)} Uhr`,
  alwaysHumanOffer: (p: { department: string }) =>
    `Bei diesem Thema hilft Ihnen am besten ein Mensch – selbstverständlich vertraulich. Soll ich Sie mit ${p.department} verbinden?`,
  forwardTo: (p: { department: string }) => `Ja, an ${p.department}`,
  forwardOther: () => 'Andere Abteilung',
  forwardNo: () => 'Nein, danke',
  relayCancelConfirm: (p: { number: string }) => `Möchten Sie Ihre Anfrage ${p.number} zurückziehen?`,
  relayCancelled: (p: { number: string }) => `Ich habe Ihre Anfrage ${p.number} zurückgezogen. Womit kann ich sonst helfen?`,
  relayKept: (p: { number: string }) => `Gut, Ihre Anfrage ${p.number} bleibt bestehen. Schreiben Sie einfach weiter.`,
  staffClaimed: (p: { name: string; department: string; number: string }) => `${p.name} (${p.department}) kümmert sich jetzt um Ihre Anfrage ${p.number}.`,
  staffMessage: (p: { name: string; department: string; text: string }) => `${p.name} (${p.department}): ${p.text}`,
  requestTransferred: (p: { number: string; department: string }) => `Ihre Anfrage ${p.number} wurde an ${p.department} weitergegeben.`,
  requestResolved: (p: { number: string; department: string; note?: string }) =>
    `${p.department} hat Ihre Anfrage ${p.number} als erledigt markiert.${p.note ? ` Hinweis: ${p.note}` : ''} Ab jetzt bin ich wieder für Sie da.`,
  requestHandedBack: (p: { number: string }) => `Ihre Anfrage ${p.number} wurde an mich zurückgegeben. Ab jetzt bin ich wieder für Sie da.`,
  handoffFailed: (p: { number: string }) => `Die Übergabe an die Agentenplattform hat nicht geklappt. Ihre Anfrage ${p.number} bleibt in unserer Warteschlange.`,
  caseStart: (p: { name: string; steps: string }) => `Gern, ich nehme „${p.name}“ für Sie auf. Beteiligt sind: ${p.steps}. Dazu brauche ich ein paar Angaben.`,
  caseFieldRetry: (p: { label: string }) => `Bitte geben Sie „${p.label}“ an.`,
  caseDateRetry: () => 'Das habe ich nicht als Datum erkannt. Bitte z. B. so: 01.12.2026',
  caseConfirm: (p: { name: string; lines: string }) => `Bitte prüfen Sie Ihre Angaben für „${p.name}“:\n${p.lines}\n\nSoll ich das so beauftragen?`,
  caseOpened: (p: { number: string; steps: string }) =>
    `Ihr Auftrag ${p.number} ist angelegt. Die Abteilungen bekommen ihre Aufgaben automatisch in der richtigen Reihenfolge:\n${p.steps}\nMit „Wie ist der Stand meines Antrags?“ sehen Sie jederzeit den Fortschritt; ich melde mich, wenn ein Schritt erledigt ist.`,
  caseDiscarded: () => 'In Ordnung, ich habe nichts beauftragt.',
  caseTaskLine: (p: { title: string; department: string; status: string; who?: string }) => `• ${p.title} (${p.department}): ${p.status}${p.who ? ` – ${p.who}` : ''}`,
  caseStatus: (p: { number: string; name: string; done: number; total: number; lines: string }) => `${p.number} ${p.name} – ${p.done} von ${p.total} Schritten erledigt:\n${p.lines}`,
  caseTaskDone: (p: { number: string; title: string; department: string; done: number; total: number }) =>
    `Fortschritt bei ${p.number}: „${p.title}“ (${p.department}) ist erledigt. ${p.done} von ${p.total} Schritten sind abgeschlossen.`,
  caseFinished: (p: { number: string; name: string }) => `${p.number} ist abgeschlossen: Alle Schritte für „${p.name}“ sind erledigt.`,
  duplicateQuestion: (p: { number: string; subject: string }) => `Sie haben bereits die offene Anfrage ${p.number} („${p.subject}“). Geht es um dieselbe Sache?`,
  duplicateAdded: (p: { number: string }) => `Gut, dann ergänze ich Ihre Nachricht in ${p.number}. Bis sich jemand meldet, gebe ich Ihre Nachrichten dorthin weiter.`,
  duplicateCase: (p: { number: string }) => `Gut, dann bleibt es bei ${p.number}. Hier ist der aktuelle Stand:`,
  surveySolved: () => 'Zwei kurze Fragen: Wurde Ihr Anliegen gelöst?',
  surveyRating: () => 'Wie zufrieden sind Sie mit der Bearbeitung? (1 = gar nicht, 5 = sehr)',
  surveyThanks: () => 'Danke für Ihre Rückmeldung! Womit kann ich sonst helfen?',
  notForwarded: () => 'Alles klar, ich leite nichts weiter. Fragen Sie mich gern etwas anderes.',
  yes: () => 'Ja',
  no: () => 'Nein',
  itDevice: () => 'Ich nehme die IT-Störung auf. Welches Gerät oder welcher Bereich ist betroffen?',
  itDeviceRetry: () => 'Bitte wählen Sie einen der Bereiche aus.',
  itDevices: () => ['Laptop/PC', 'Drucker', 'Smartphone/Telefon', 'Software/Programm', 'Netzwerk/VPN', 'Sonstiges'],
  itDescription: () => 'Was genau passiert? Beschreiben Sie das Problem bitte kurz (z. B. Fehlermeldung).',
  itDescriptionRetry: (p: { min: number }) => `Bitte beschreiben Sie das Problem in mindestens ${p.min} Zeichen, damit die IT es nachvollziehen kann.`,
  itSince: () => 'Seit wann besteht das Problem? (z. B. „seit heute Morgen“, „seit 12.03.“)',
  itSinceRetry: () => 'Bitte geben Sie kurz an, seit wann das Problem besteht.',
  itUrgency: () => 'Wie dringend ist es?',
  itUrgencyRetry: () => 'Bitte wählen Sie eine Dringlichkeit aus.',
  itUrgencies: () => ['Niedrig – ich kann weiterarbeiten', 'Mittel – ich bin eingeschränkt', 'Hoch – ich kann nicht arbeiten'],
  itConfirm: (p: { device: string; description: string; since: string; urgency: string }) =>
    `Bitte prüfen Sie Ihre Meldung:\n• Bereich: ${p.device}\n• Problem: ${p.description}\n• Seit: ${p.since}\n• Dringlichkeit: ${p.urgency}\n\nSoll ich sie so an den IT-Service senden?`,
  itSaved: (p: { number: string }) =>
    `Danke! Ihre Störungsmeldung ist beim IT-Service eingegangen. Ihre Ticketnummer ist ${p.number}.`,
  itDiscarded: () => 'Okay, ich habe die Meldung verworfen. Sie können jederzeit neu beginnen („Störung melden“).',
  statusNone: () => 'Sie haben derzeit keine offenen Anfragen.',
  statusList: (p: { lines: string }) => `Ihre Anfragen:\n${p.lines}`,
  statusLine: (p: { number: string; department: string; subject: string; status: string; date: string }) =>
    `• ${p.number} (${p.department}, ${p.date}): ${p.subject} – ${p.status}`,
  statusNames: () => ({ waiting: 'wartet auf vorherige Schritte', open: 'offen', in_progress: 'in Bearbeitung', resolved: 'erledigt', cancelled: 'storniert' }),
  webChatPage: () => ({ tagline: 'Ihr erster Kontakt für Fragen an IT, Personal, Facility Management und Finanzen', userInitials: 'Ich' }),
  tooLong: (p: { max: number }) => `Ihre Nachricht ist leider zu lang. Bitte fassen Sie sich auf höchstens ${p.max} Zeichen.`,
  notText: () => 'Ich verstehe bisher nur Textnachrichten. Schreiben Sie mir Ihre Frage bitte als Text.',
  noReply: () => 'Darauf habe ich gerade keine passende Antwort. Schreiben Sie Ihr Anliegen bitte in einem Satz – mit „hilfe“ sehen Sie, wobei ich helfe.',
  error: () => 'Entschuldigung, da ist bei mir etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.'
};

const en: typeof de = {
  welcome: () =>
    "Hello, I'm Anlaufstelle – your first point of contact for questions to IT, HR, Facility Management and Finance. " +
    'Just write what it is about, for example "I forgot my password" or "How do I submit travel expenses?".',
  greeting: () => 'Hello! How can I help you? Just write your question in your own words.',
  help: (p) =>
    'I answer questions about your working day, around the clock:\n' +
    `${p.departments}\n\n` +
    'I can also take down an IT problem for you ("report a problem"), forward your request to the right department ' +
    'and show you the status of your requests ("status of my request"). Write "cancel" at any time to stop the current step.',
  helpDepartment: (p) => `• ${p.name}: ${p.description}`,
  helpInDialog: () => 'You are in the middle of something. Just answer the last question – or write "cancel" to stop.',
  thanks: () => "You're welcome! Get in touch any time.",
  goodbye: () => 'Goodbye and have a nice day!',
  cancelled: () => 'All right, I have cancelled that. What else can I do for you?',
  nothingToCancel: () => 'There is nothing to cancel right now. How can I help?',
  answerLinks: () => 'More on this:',
  disambiguate: () => "I'm not quite sure what you mean. Is it one of these?",
  noneOfThese: () => 'None of these',
  intentTitles: () => ({
    human: 'Talk to a person',
    it_problem_report: 'Report an IT problem',
    request_status: 'Status of my requests',
    help: 'What can Anlaufstelle do?',
    hr_confidential: 'Confidential conversation with HR',
    start_onboarding: 'Request onboarding of a new colleague',
    start_offboarding: 'Request offboarding',
    start_desk_move: 'Request a desk move',
    greeting: 'Greeting',
    thanks: 'Thanks',
    goodbye: 'Goodbye',
    cancel: 'Cancel'
  }),
  clarifyGuess: (p) => `Do you mean: "${p.question}"?`,
  clarifyRephrase: () => "I didn't quite get that yet. Could you describe what you need in one sentence, in a bit more detail?",
  outOfScopeDepartment: (p) =>
    `I'm afraid I don't have a good answer to that. It sounds like a topic for ${p.department}. Shall I forward your request to ${p.department}?`,
  outOfScopeUnknown: () =>
    "I'm afraid I can't help with that – I answer questions for IT, HR, Facility Management and Finance. Shall I forward your request to one of these departments?",
  notHelpfulDepartment: (p) => `I'm sorry. Shall I forward your question to ${p.department} so that someone looks after it personally?`,
  notHelpfulUnknown: () => "I'm sorry. Shall I forward your question to a department so that someone looks after it personally?",
  feedbackQuestion: () => 'Did that help?',
  feedbackYes: () => 'Yes, thanks',
  feedbackNo: () => 'No',
  feedbackThanks: () => 'Glad I could help!',
  humanRequested: () => "Sure, I'll pass you on to a colleague.",
  humanConfirmDepartment: (p) => `Shall your request go to ${p.department}?`,
  chooseDepartment: () => 'Which department shall I forward your request to?',
  forwarded: (p) => `I have forwarded your request to ${p.department}. Your request number is ${p.number}.`,
  queueOpen: (p) =>
    `You are number ${p.position} in the queue; the estimated wait is about ${p.minutes} minutes. Until someone replies, I pass your messages on; write "cancel" to withdraw the request.`,
  queueClosed: (p) =>
    `${p.department} is not staffed right now and is available again from ${p.opensAt}. Your request stays in the queue; you will get the answer here in the chat.`,
  dateTime: (p) =>
    new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: p.timeZone }).format(p.date),
  alwaysHumanOffer: (p) => `A person is the best help for this – in confidence, of course. Shall I connect you with ${p.department}?`,
  forwardTo: (p) => `Yes, to ${p.department}`,
  forwardOther: () => 'Another department',
  forwardNo: () => 'No, thanks',
  relayCancelConfirm: (p) => `Do you want to withdraw your request ${p.number}?`,
  relayCancelled: (p) => `I have withdrawn your request ${p.number}. What else can I do for you?`,
  relayKept: (p) => `Fine, your request ${p.number} stays open. Just keep writing.`,
  staffClaimed: (p) => `${p.name} (${p.department}) is now taking care of your request ${p.number}.`,
  staffMessage: (p) => `${p.name} (${p.department}): ${p.text}`,
  requestTransferred: (p) => `Your request ${p.number} has been passed on to ${p.department}.`,
  requestResolved: (p) => `${p.department} has marked your request ${p.number} as resolved.${p.note ? ` Note: ${p.note}` : ''} I'm here for you again from now on.`,
  requestHandedBack: (p) => `Your request ${p.number} has been handed back to me. I'm here for you again from now on.`,
  handoffFailed: (p) => `The handover to the agent platform did not work. Your request ${p.number} stays in our queue.`,
  caseStart: (p) => `Sure, I'll take down "${p.name}" for you. Involved: ${p.steps}. I need a few details for that.`,
  caseFieldRetry: (p) => `Please enter "${p.label}".`,
  caseDateRetry: () => "I didn't recognise that as a date. Please write it like this: 2026-12-01",
  caseConfirm: (p) => `Please check your details for "${p.name}":\n${p.lines}\n\nShall I place the request like this?`,
  caseOpened: (p) =>
    `Your request ${p.number} has been created. The departments get their tasks automatically in the right order:\n${p.steps}\nAsk "status of my request" at any time to see the progress; I'll let you know when a step is done.`,
  caseDiscarded: () => "All right, I haven't placed anything.",
  caseTaskLine: (p) => `• ${p.title} (${p.department}): ${p.status}${p.who ? ` – ${p.who}` : ''}`,
  caseStatus: (p) => `${p.number} ${p.name} – ${p.done} of ${p.total} steps done:\n${p.lines}`,
  caseTaskDone: (p) => `Progress on ${p.number}: "${p.title}" (${p.department}) is done. ${p.done} of ${p.total} steps are complete.`,
  caseFinished: (p) => `${p.number} is complete: all steps for "${p.name}" are done.`,
  duplicateQuestion: (p) => `You already have the open request ${p.number} ("${p.subject}"). Is this about the same thing?`,
  duplicateAdded: (p) => `Fine, I'll add your message to ${p.number}. Until someone replies, I pass your messages on there.`,
  duplicateCase: (p) => `Fine, we'll stay with ${p.number}. Here is the current status:`,
  surveySolved: () => 'Two short questions: was your issue solved?',
  surveyRating: () => 'How satisfied are you with how it was handled? (1 = not at all, 5 = very)',
  surveyThanks: () => 'Thank you for your feedback! What else can I do for you?',
  notForwarded: () => "Okay, I won't forward anything. Feel free to ask me something else.",
  yes: () => 'Yes',
  no: () => 'No',
  itDevice: () => "I'll take down the IT problem. Which device or area is affected?",
  itDeviceRetry: () => 'Please choose one of the areas.',
  itDevices: () => ['Laptop/PC', 'Printer', 'Smartphone/phone', 'Software/application', 'Network/VPN', 'Other'],
  itDescription: () => 'What exactly happens? Please describe the problem briefly (e.g. the error message).',
  itDescriptionRetry: (p) => `Please describe the problem in at least ${p.min} characters so that IT can follow it.`,
  itSince: () => 'Since when has this been happening? (e.g. "since this morning", "since March 12")',
  itSinceRetry: () => 'Please tell me briefly since when the problem exists.',
  itUrgency: () => 'How urgent is it?',
  itUrgencyRetry: () => 'Please choose an urgency.',
  itUrgencies: () => ['Low – I can keep working', 'Medium – I am restricted', 'High – I cannot work'],
  itConfirm: (p) =>
    `Please check your report:\n• Area: ${p.device}\n• Problem: ${p.description}\n• Since: ${p.since}\n• Urgency: ${p.urgency}\n\nShall I send it to IT Service like this?`,
  itSaved: (p) => `Thank you! Your problem report has reached IT Service. Your ticket number is ${p.number}.`,
  itDiscarded: () => 'Okay, I have discarded the report. You can start again at any time ("report a problem").',
  statusNone: () => 'You have no open requests at the moment.',
  statusList: (p) => `Your requests:\n${p.lines}`,
  statusLine: (p) => `• ${p.number} (${p.department}, ${p.date}): ${p.subject} – ${p.status}`,
  statusNames: () => ({ waiting: 'waiting for earlier steps', open: 'open', in_progress: 'in progress', resolved: 'resolved', cancelled: 'cancelled' }),
  webChatPage: () => ({ tagline: 'Your first point of contact for questions to IT, HR, Facility Management and Finance', userInitials: 'Me' }),
  tooLong: (p) => `Sorry, your message is too long. Please keep it to at most ${p.max} characters.`,
  notText: () => 'So far I only understand text messages. Please write your question as text.',
  noReply: () => "I don't have a fitting answer to that right now. Please describe what you need in a sentence – \"help\" shows what I can do.",
  error: () => 'Sorry, something went wrong on my side. Please try again in a moment.'
};

export type Messages = typeof de;

const catalogues: Record<Language, Messages> = { de, en };

/** The texts of one language. */
export function messagesFor(language: Language): Messages {
  return catalogues[language];
}
