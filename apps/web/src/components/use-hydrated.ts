// False in the server's HTML and while React hydrates it, true from then on. Form controls stay
// disabled until then: before hydration, typing into a controlled input is wiped when React takes
// over, and a click on submit would send the form natively, as a GET with the password in the URL.
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
