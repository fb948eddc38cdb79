import type { ReactNode } from "react";

/** A form-level message; its space is kept so the form does not jump when it appears. */
export function FormAlert({
  children,
  tone = "error",
}: {
  children?: ReactNode;
  tone?: "error" | "success";
}) {
  return (
    <div
      className={`form-alert ${children ? tone : ""}`}
      role={children ? (tone === "error" ? "alert" : "status") : undefined}
    >
      {children}
    </div>
  );
}
