import type { Activity } from 'botbuilder';

/** The Direct Line channel id, as Azure's Direct Line service uses it. */
export const DIRECT_LINE_CHANNEL_ID = 'directline';

/** An activity as Direct Line stores it and clients receive it. */
export type DirectLineActivity = Partial<Activity> & { type: string };

/** Direct Line 3.0's ActivitySet: what `GET …/activities` returns and the WebSocket stream sends. */
export interface ActivitySet {
  activities: DirectLineActivity[];
  /** Absent for activities that are not stored (typing), which do not move the watermark. */
  watermark?: string;
}

/** A Direct Line conversation: who may use it is fixed when it starts. */
export interface DirectLineConversation {
  id: string;
  /** The only user id activities in this conversation are posted as. */
  userId: string;
  locale?: string;
  createdAt: string;
}

/** Direct Line's error body: `{ error: { code, message } }`, as the Azure service sends it. */
export class DirectLineError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For 429: when the client may try again (sent as Retry-After). */
    readonly retryAfterSeconds?: number
  ) {
    super(message);
  }

  /** The response body. */
  toBody() {
    return { error: { code: this.code, message: this.message } };
  }
}
