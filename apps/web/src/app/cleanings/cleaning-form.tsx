// The form that posts a cleaning or edits one (`cleaning` given). A server component: it hands
// the type labels to the fields, so the browser gets them without their zod module.
import { type Cleaning, cleaningTypeLabels } from "@phresh/api/schemas";
import { CleaningFormFields } from "./cleaning-form-fields.tsx";

export function CleaningForm({ cleaning }: { cleaning?: Cleaning }) {
  return <CleaningFormFields cleaning={cleaning} typeLabels={cleaningTypeLabels} />;
}
