// The form that posts a cleaning or edits one (`cleaning` given). A server component: it hands
// the type labels to the fields, so the browser gets them without their zod module.
import { type Cleaning, cleaningTypeLabels } from "@phresh/api/schemas";
import { CleaningFormFields } from "./cleaning-form-fields.tsx";

/** `dealLocked`: someone is hired, so the price and type are shown but cannot change. */
export function CleaningForm({
  cleaning,
  dealLocked = false,
}: {
  cleaning?: Cleaning;
  dealLocked?: boolean;
}) {
  return (
    <CleaningFormFields
      cleaning={cleaning}
      typeLabels={cleaningTypeLabels}
      dealLocked={dealLocked}
    />
  );
}
