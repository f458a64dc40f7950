/**
 * Any OpenAI-compatible upstream (OpenAI, Azure OpenAI, vLLM, Ollama, Groq, DeepSeek,
 * OpenRouter…), configured only by base URL, credential, auth header and extra headers/query.
 * Bodies pass through untouched.
 */
package io.aihub.gateway.providers.openai;
