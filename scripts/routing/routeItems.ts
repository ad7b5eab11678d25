import type { Recognizer } from '../../bot/nlu/recognizer';
import { routedDepartment } from './routedDepartment';
import type { RoutingItem } from './routingSet';
import type { RoutedItem } from './scoreRouting';

/** Anything with the recognizer's `recognize` (the trained Recognizer, or the app's live one). */
export type RecognizesMessages = Pick<Recognizer, 'recognize'>;

/** Recognizes every item in its labelled language (as the employee's known language) and routes it. */
export function routeItems(recognizer: RecognizesMessages, items: readonly RoutingItem[], rule = routedDepartment): RoutedItem[] {
  return items.map((item) => ({ ...item, predicted: rule(recognizer.recognize(item.text, item.lang)) }));
}
