// Every string the client shows, in English and Spanish; dates and times through Intl.

const STRINGS = {
  en: {
    app: 'TherapyChat', language: 'Language', logout: 'Log out',
    offline: 'You are offline. Your messages will be sent when the connection is back.',
    loginTitle: 'Log in', phone: 'Phone number', phoneHint: 'For example (650) 555-0101', lastName: 'Last name',
    sendCode: 'Send me a code', codeTitle: 'Enter your code',
    codeSent: 'We sent a 6-digit code by text message. It expires in 10 minutes.', code: '6-digit code',
    codeSentTo: (to) => `We sent a 6-digit code by text message to ${to}. It expires in 10 minutes.`,
    numberEndingIn: (digits) => `the number ending in ${digits}`,
    logIn: 'Log in', resend: "Didn't receive it? Send again", askAgainIn: (s) => `You can ask again in ${s} s.`,
    anotherNumber: 'Use another number', errorSummary: 'There is a problem',
    needPhone: 'Enter your phone number', needLastName: 'Enter your last name',
    badPhone: 'That does not look like a phone number.', badCode: 'The code is the 6 digits from the text message.',
    codeFailed: 'That code did not work. Please start again and we will send a new one.',
    codeDidNotMatch: (n) => (n > 0
      ? `That code did not match. You can get ${n} more code${n === 1 ? '' : 's'} this hour: press “Send me a code”.`
      : 'That code did not match. No more codes can be sent this hour. Please try again later.'),
    tooMany: (m) => `Too many codes were requested. Please try again in ${m} minute${m === 1 ? '' : 's'}.`,
    noServer: 'We could not reach the server. Please check your connection.', somethingWrong: 'Something went wrong. Please try again.',
    newCode: 'We sent a new code.', loginExpired: 'That login has expired. Please start again.',
    loggedOut: 'You are logged out.', logInAgain: 'Please log in again.',
    sessionsTitle: 'Your sessions', todo: 'Surveys to do', todoCount: (n) => `${n} surveys to do`,
    today: 'Today', upcoming: 'Upcoming', past: 'Past', noSessions: 'You have no sessions yet.',
    enter: 'Enter', ended: 'This session has ended.', before: 'before the session', after: 'after the session',
    surveyDone: 'done', surveyTodo: 'to do', todoAllDone: 'Surveys done',
    surveysDone: 'Thank you: your surveys are done. You can enter now.', surveyDoneThanks: 'Thank you: that survey is done.',
    status: { scheduled: 'scheduled', open: 'open', ended: 'ended' },
    loadSessionsFailed: 'We could not load your sessions. Please reload the page.',
    pendingSurveys: (names) => `Please complete these surveys before you enter: ${names}.`,
    noSuchSession: 'That session does not exist.', enterFailed: 'We could not open the session. Please try again.',
    waitingTitle: 'Waiting room', waiting: 'The therapist will let you in soon. This page opens the chat by itself.',
    backToSessions: 'Back to my sessions', leave: 'Leave chat', removed: 'A therapist has removed you from this session.',
    conversations: 'Conversations', everyone: 'Everyone', unread: (n) => `${n} unread`, mentionsOfMe: (n) => `${n} mentioning you`,
    newPrivate: 'New private message', choosePeople: 'Choose people', start: 'Start', cancel: 'Cancel',
    privateWith: (names) => `Private: ${names}`, you: 'you', messages: 'Messages', message: 'Message',
    writeMessage: 'Write a message', send: 'Send',
    toEveryone: (n) => (n ? `Message everyone (${n})` : 'Message everyone'), privateTo: (names) => `Private to ${names}`, sending: 'sending…', notSent: (why) => `Not sent: ${why}`,
    retry: 'Retry', discard: 'Discard', replyingTo: (name) => `Replying to ${name}`, cancelReply: 'Cancel reply',
    deleted: 'message deleted', actions: 'Message actions', reply: 'Reply', react: 'React', delete: 'Delete',
    confirmDelete: 'Delete this message?', seenBy: (names) => `Seen by ${names}`, jumpToLatest: 'Jump to latest', earlier: 'Show earlier messages',
    unreadDivider: 'New messages', reaction: (icon, n, names) => `${icon} ${n}: ${names}`,
    icons: { heart: 'heart', smile: 'smile', sad: 'sad', angry: 'angry' },
    reactWith: (icon) => `React with ${icon}`, notices: (n) => `${n} updates`, suggestions: 'People to mention',
    whiteboard: 'Whiteboard', pin: 'Pin to whiteboard', members: 'People', present: 'Here', away: 'Away',
    admit: 'Admit', revoke: 'Remove', therapist: 'therapist', endSession: 'End session',
    confirmEnd: 'End this session for everyone?', panel: 'People and tools', closePanel: 'Close',
    endedTitle: 'This session has ended', endedText: 'Thank you for taking part. Please fill in your survey now.',
    toSurveys: 'Go to my surveys', readOnly: 'You can still read the chat.', callFailed: 'That did not work. Please try again.',
    noticesTitle: 'Notices', noNotices: 'No notices yet.', chatOf: (name) => `Chat: ${name}`,
    inChat: 'In the chat', waitingNow: 'Waiting now', notHere: 'Not here yet or left',
    isWaiting: (name) => `${name} is waiting`, manyWaiting: (names) => `${names} are waiting`, dismiss: 'Dismiss',
    startsAt: (when) => `Starts ${when}`,
    notifyMe: 'Notify me', notifyHint: 'When this page is hidden: private messages, mentions of you, being let in, the end of the session.',
    notifyHintTherapist: 'When this page is hidden: private messages, mentions of you, someone waiting to be let in.',
    notifyBlocked: 'Notifications are blocked for this site in your browser settings.',
    notifyUnsupported: 'This browser cannot show notifications.',
    soundOn: 'Sound when someone is waiting', admitName: (name) => `Admit ${name}`,
    notifyPrivate: (name) => `New private message from ${name}`, notifyMention: (name) => `${name} mentioned you`,
    notifyAdmitted: 'You are in the chat now', notifyEnded: 'The session has ended',
    noticeJoined: (name) => `${name} has joined the session`, noticeLeft: (name) => `${name} has left the session`,
    noticeEnded: 'The session has ended. Thank you for taking part.',
    errors: {
      unknown: 'Something went wrong. Please try again.',
      unauthenticated: 'Please log in again.',
      invalid_code: 'That code did not work. Please start again and we will send a new one.',
      too_many_codes: 'Too many codes were requested. Please try again later.',
      not_allowed: 'You are not allowed to do that.',
      revoked: 'A therapist has removed you from this session.',
      not_entered: 'Please enter the session first.',
      waiting_for_admission: 'The therapist has not let you in yet.',
      session_ended: 'This session has ended.',
      assessments_pending: 'Please complete your surveys before you enter.',
      not_found: 'We could not find that.',
      validation_failed: 'Please check what you entered.',
      invalid_field: 'This message cannot be sent as it is.',
      type_not_allowed: 'That kind of action is not allowed.',
      unavailable: 'The service is busy. Please try again in a moment.',
      bad_request: 'The request could not be read. Please reload the page.',
      body_too_large: 'That is too long to send.',
      length_required: 'The request could not be sent. Please reload the page.',
      internal_error: 'Something went wrong on our side. Please try again.',
      fields: {
        body: 'The message is empty or too long.',
        target: 'The message it refers to is no longer there.',
        recipients: 'Someone it is addressed to cannot receive it.',
        phone: 'That does not look like a phone number.',
        code: 'The code is the 6 digits from the text message.',
        text: 'The whiteboard text is too long.',
      },
    },
  },
  es: {
    app: 'TherapyChat', language: 'Idioma', logout: 'Salir de la cuenta',
    offline: 'Sin conexión. Sus mensajes se enviarán cuando vuelva la conexión.',
    loginTitle: 'Iniciar sesión', phone: 'Número de teléfono', phoneHint: 'Por ejemplo (650) 555-0101', lastName: 'Apellido',
    sendCode: 'Enviarme un código', codeTitle: 'Escriba su código',
    codeSent: 'Le enviamos un código de 6 dígitos por SMS. Caduca en 10 minutos.', code: 'Código de 6 dígitos',
    codeSentTo: (to) => `Le enviamos un código de 6 dígitos por SMS al ${to}. Caduca en 10 minutos.`,
    numberEndingIn: (digits) => `número que termina en ${digits}`,
    logIn: 'Entrar', resend: '¿No lo recibió? Enviar de nuevo', askAgainIn: (s) => `Puede pedirlo de nuevo en ${s} s.`,
    anotherNumber: 'Usar otro número', errorSummary: 'Hay un problema',
    needPhone: 'Escriba su número de teléfono', needLastName: 'Escriba su apellido',
    badPhone: 'Eso no parece un número de teléfono.', badCode: 'El código son los 6 dígitos del SMS.',
    codeFailed: 'Ese código no funcionó. Empiece de nuevo y le enviaremos otro.',
    codeDidNotMatch: (n) => (n > 0
      ? `Ese código no coincide. Puede recibir ${n} código${n === 1 ? '' : 's'} más esta hora: pulse «Enviarme un código».`
      : 'Ese código no coincide. No se pueden enviar más códigos esta hora. Inténtelo más tarde.'),
    tooMany: (m) => `Se pidieron demasiados códigos. Inténtelo de nuevo en ${m} minuto${m === 1 ? '' : 's'}.`,
    noServer: 'No pudimos conectar con el servidor. Revise su conexión.', somethingWrong: 'Algo salió mal. Inténtelo de nuevo.',
    newCode: 'Le enviamos un código nuevo.', loginExpired: 'Ese inicio de sesión caducó. Empiece de nuevo.',
    loggedOut: 'Ha salido de su cuenta.', logInAgain: 'Inicie sesión de nuevo.',
    sessionsTitle: 'Sus sesiones', todo: 'Encuestas pendientes', todoCount: (n) => `${n} encuestas pendientes`,
    today: 'Hoy', upcoming: 'Próximas', past: 'Anteriores', noSessions: 'Todavía no tiene sesiones.',
    enter: 'Entrar', ended: 'Esta sesión terminó.', before: 'antes de la sesión', after: 'después de la sesión',
    surveyDone: 'hecha', surveyTodo: 'pendiente', todoAllDone: 'Encuestas hechas',
    surveysDone: 'Gracias: sus encuestas están hechas. Ya puede entrar.', surveyDoneThanks: 'Gracias: esa encuesta está hecha.',
    status: { scheduled: 'programada', open: 'abierta', ended: 'terminada' },
    loadSessionsFailed: 'No pudimos cargar sus sesiones. Recargue la página.',
    pendingSurveys: (names) => `Complete estas encuestas antes de entrar: ${names}.`,
    noSuchSession: 'Esa sesión no existe.', enterFailed: 'No pudimos abrir la sesión. Inténtelo de nuevo.',
    waitingTitle: 'Sala de espera', waiting: 'El terapeuta le dejará entrar pronto. Esta página abre el chat sola.',
    backToSessions: 'Volver a mis sesiones', leave: 'Salir del chat', removed: 'Un terapeuta le quitó de esta sesión.',
    conversations: 'Conversaciones', everyone: 'Todos', unread: (n) => `${n} sin leer`, mentionsOfMe: (n) => `${n} que le mencionan`,
    newPrivate: 'Nuevo mensaje privado', choosePeople: 'Elija personas', start: 'Empezar', cancel: 'Cancelar',
    privateWith: (names) => `Privado: ${names}`, you: 'usted', messages: 'Mensajes', message: 'Mensaje',
    writeMessage: 'Escriba un mensaje', send: 'Enviar',
    toEveryone: (n) => (n ? `Mensaje para todos (${n})` : 'Mensaje para todos'), privateTo: (names) => `Privado para ${names}`, sending: 'enviando…', notSent: (why) => `No enviado: ${why}`,
    retry: 'Reintentar', discard: 'Descartar', replyingTo: (name) => `Respondiendo a ${name}`, cancelReply: 'Cancelar respuesta',
    deleted: 'mensaje eliminado', actions: 'Acciones del mensaje', reply: 'Responder', react: 'Reaccionar', delete: 'Eliminar',
    confirmDelete: '¿Eliminar este mensaje?', seenBy: (names) => `Visto por ${names}`, earlier: 'Mostrar mensajes anteriores', jumpToLatest: 'Ir al final',
    unreadDivider: 'Mensajes nuevos', reaction: (icon, n, names) => `${icon} ${n}: ${names}`,
    icons: { heart: 'corazón', smile: 'sonrisa', sad: 'tristeza', angry: 'enfado' },
    reactWith: (icon) => `Reaccionar con ${icon}`, notices: (n) => `${n} avisos`, suggestions: 'Personas para mencionar',
    whiteboard: 'Pizarra', pin: 'Fijar en la pizarra', members: 'Personas', present: 'Presentes', away: 'Ausentes',
    admit: 'Admitir', revoke: 'Quitar', therapist: 'terapeuta', endSession: 'Terminar sesión',
    confirmEnd: '¿Terminar esta sesión para todos?', panel: 'Personas y herramientas', closePanel: 'Cerrar',
    endedTitle: 'Esta sesión terminó', endedText: 'Gracias por participar. Complete ahora su encuesta.',
    toSurveys: 'Ir a mis encuestas', readOnly: 'Todavía puede leer el chat.', callFailed: 'No funcionó. Inténtelo de nuevo.',
    noticesTitle: 'Avisos', noNotices: 'Todavía no hay avisos.', chatOf: (name) => `Chat: ${name}`,
    inChat: 'En el chat', waitingNow: 'Esperando ahora', notHere: 'Aún no llegaron o se fueron',
    isWaiting: (name) => `${name} está esperando`, manyWaiting: (names) => `${names} están esperando`, dismiss: 'Descartar',
    startsAt: (when) => `Empieza ${when}`,
    notifyMe: 'Avisarme', notifyHint: 'Con esta página oculta: mensajes privados, menciones, cuando le dejen entrar y el final de la sesión.',
    notifyHintTherapist: 'Con esta página oculta: mensajes privados, menciones, alguien que espera para entrar.',
    notifyBlocked: 'Las notificaciones de este sitio están bloqueadas en la configuración del navegador.',
    notifyUnsupported: 'Este navegador no puede mostrar notificaciones.',
    soundOn: 'Sonido cuando alguien espera', admitName: (name) => `Admitir a ${name}`,
    notifyPrivate: (name) => `Nuevo mensaje privado de ${name}`, notifyMention: (name) => `${name} le mencionó`,
    notifyAdmitted: 'Ya está en el chat', notifyEnded: 'La sesión terminó',
    noticeJoined: (name) => `${name} se unió a la sesión`, noticeLeft: (name) => `${name} salió de la sesión`,
    noticeEnded: 'La sesión terminó. Gracias por participar.',
    errors: {
      unknown: 'Algo salió mal. Inténtelo de nuevo.',
      unauthenticated: 'Vuelva a entrar en su cuenta.',
      invalid_code: 'Ese código no funcionó. Empiece de nuevo y le enviaremos otro.',
      too_many_codes: 'Se pidieron demasiados códigos. Inténtelo más tarde.',
      not_allowed: 'No tiene permiso para hacer eso.',
      revoked: 'Un terapeuta le quitó de esta sesión.',
      not_entered: 'Entre primero en la sesión.',
      waiting_for_admission: 'El terapeuta todavía no le ha dejado entrar.',
      session_ended: 'Esta sesión terminó.',
      assessments_pending: 'Complete sus encuestas antes de entrar.',
      not_found: 'No lo encontramos.',
      validation_failed: 'Revise lo que escribió.',
      invalid_field: 'Este mensaje no se puede enviar así.',
      type_not_allowed: 'Ese tipo de acción no está permitido.',
      unavailable: 'El servicio está ocupado. Inténtelo de nuevo en un momento.',
      bad_request: 'No se pudo leer la solicitud. Recargue la página.',
      body_too_large: 'Es demasiado largo para enviarlo.',
      length_required: 'No se pudo enviar la solicitud. Recargue la página.',
      internal_error: 'Algo falló de nuestro lado. Inténtelo de nuevo.',
      fields: {
        body: 'El mensaje está vacío o es demasiado largo.',
        target: 'El mensaje al que responde ya no está.',
        recipients: 'Alguno de los destinatarios no puede recibirlo.',
        phone: 'Eso no parece un número de teléfono.',
        code: 'El código son los 6 dígitos del SMS.',
        text: 'El texto de la pizarra es demasiado largo.',
      },
    },
  },
};

export const LANGUAGES = { en: 'English', es: 'Español' };

/** The first of the browser's languages we speak, else English. */
export function pickLanguage(preferred) {
  for (const tag of preferred || []) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (STRINGS[base]) return base;
  }
  return 'en';
}

/** The strings of one language, and its Intl formatters. */
export function strings(lang) {
  const s = STRINGS[lang] || STRINGS.en;
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
  const date = new Intl.DateTimeFormat(lang, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const day = new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long' });
  const list = new Intl.ListFormat(lang, { style: 'short', type: 'conjunction' });
  const longList = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
  return {
    ...s,
    lang,
    time: (iso) => time.format(new Date(iso)),
    date: (iso) => date.format(new Date(iso)),
    day: (iso) => day.format(new Date(iso)),
    list: (names) => list.format(names),
    // "Ana is waiting" / "Ana and Ben are waiting": the verb agrees with how many
    waitingCue: (names) => (names.length === 1 ? s.isWaiting(names[0]) : s.manyWaiting(longList.format(names))),
    // a survey's label in this language, else its general label, else its name (a bare name too)
    survey: (a) => (typeof a === 'string' ? a.replaceAll('_', ' ')
      : (a.labels && a.labels[lang]) || a.label || a.name.replaceAll('_', ' ')),
  };
}

export function keysOf(lang) {
  return Object.keys(STRINGS[lang]);
}
