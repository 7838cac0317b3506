// Stack files are read by the program's governance stack too, so the reader lives in stacks/ (the program
// never imports tools/); the tools keep importing it from here.
export * from "../../stacks/stack-file";
