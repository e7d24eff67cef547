try: pass
except E as e: raise F from e
